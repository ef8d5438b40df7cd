// The routes of `wijksim serve` (server.hpp) on cpp-httplib.
#include "serve/server.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <algorithm>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "serve/brief.hpp"
#include "serve/page.hpp"
#include "serve/request_path.hpp"
#include "serve/run_folder.hpp"

namespace wijksim::serve {
namespace fs = std::filesystem;
namespace {

constexpr const char* kHtml = "text/html; charset=utf-8";

std::string content_type(const fs::path& file) {
  const std::string ext = file.extension().string();
  if (ext == ".html") return kHtml;
  if (ext == ".json") return "application/json";
  if (ext == ".yaml" || ext == ".txt" || ext == ".csv") return "text/plain; charset=utf-8";
  if (ext == ".sqlite") return "application/vnd.sqlite3";
  return "application/octet-stream";
}

// A file as the response body, read in pieces as it is sent: a results store can be large,
// and twenty parallel downloads must not each hold one in memory.
void send_file(httplib::Response& res, const fs::path& file) {
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec) throw std::runtime_error(file.string() + ": " + ec.message());
  auto in = std::make_shared<std::ifstream>(file, std::ios::binary);
  res.set_content_provider(static_cast<size_t>(size), content_type(file),
                           [in](size_t offset, size_t length, httplib::DataSink& sink) {
                             char buf[1 << 16];
                             in->seekg(static_cast<std::streamoff>(offset));
                             in->read(buf, static_cast<std::streamsize>(std::min(length, sizeof buf)));
                             const auto got = in->gcount();
                             return got > 0 && sink.write(buf, static_cast<size_t>(got));
                           });
}

// A cross-site page may not start runs on this machine's server through the user's
// browser: a POST that names another origin is refused (browsers always send Origin on one).
bool foreign_origin(const httplib::Request& req) {
  if (!req.has_header("Origin")) return false;
  return req.get_header_value("Origin") != "http://" + req.get_header_value("Host");
}

// Every form field, also repeated ones (httplib keeps the query's and the body's).
std::multimap<std::string, std::string> fields_of(const httplib::Request& req) {
  return {req.params.begin(), req.params.end()};
}

std::string status_json(const std::optional<JobStatus>& s) {
  if (!s) return R"({"id": null, "status": "idle", "done": 0, "total": 0})";
  return nlohmann::json{{"id", s->id}, {"status", s->running ? "running" : s->status}, {"done", s->done},
                         {"total", s->total}}
      .dump();
}

}  // namespace

struct Server::Impl {
  ServeOptions options;
  Catalogue catalogue;
  fs::path results;  // canonical: file_under() compares resolved paths with it
  Job job;
  httplib::Server http;

  explicit Impl(ServeOptions o)
      : options(std::move(o)), catalogue(options.scenarios), results(prepare_results(options.results)),
        job(results, options.threads, options.check_resources) {
    const int n = options.request_threads;
    http.new_task_queue = [n] { return new httplib::ThreadPool(static_cast<size_t>(n)); };
    http.set_payload_max_length(1 << 16);  // a form is a few hundred bytes
    routes();
  }

  static fs::path prepare_results(const fs::path& results) {
    std::error_code ec;
    fs::create_directories(results, ec);
    if (!fs::is_directory(results))
      throw std::runtime_error(results.string() + ": cannot be the results folder (" +
                               (ec ? ec.message() : std::string("not a folder")) + ")");
    return fs::canonical(results);
  }

  const ScenarioEntry& default_entry() const {
    const ScenarioEntry* d = catalogue.find("default");
    return d ? *d : catalogue.entries().front();
  }

  void send_start(httplib::Response& res, int code, const ScenarioEntry& selected, const std::string& error,
                  std::multimap<std::string, std::string> values = {}) {
    StartPage page{&catalogue, &selected, &options.limits, error, std::move(values), job.status(), list_runs(results)};
    res.status = code;
    res.set_content(start_page(page), kHtml);
  }

  void send_message(httplib::Response& res, int code, const std::string& title, const std::string& message) {
    res.status = code;
    res.set_content(message_page(title, message), kHtml);
  }

  // The run of /runs/ID/..., or a 404 already sent.
  std::optional<RunInfo> run_of(const httplib::Request& req, httplib::Response& res) {
    auto run = read_run(results, req.matches[1]);
    if (!run) send_message(res, 404, "Not found", "no run " + std::string(req.matches[1]) + " in the results folder");
    return run;
  }

  std::optional<JobStatus> live_status(const std::string& id) const {
    auto s = job.status();
    return s && s->id == id ? s : std::nullopt;
  }

  void routes() {
    http.Get("/", [this](const httplib::Request& req, httplib::Response& res) {
      if (!req.has_param("scenario")) return send_start(res, 200, default_entry(), "");
      const ScenarioEntry* e = catalogue.find(req.get_param_value("scenario"));
      if (!e) return send_start(res, 400, default_entry(), "scenario: expected one of the scenarios listed, got '" +
                                                               req.get_param_value("scenario") + "'");
      send_start(res, 200, *e, "");
    });
    http.Post("/run", [this](const httplib::Request& req, httplib::Response& res) {
      if (foreign_origin(req))
        return send_message(res, 403, "Refused", "a run can only be started from this server's own page");
      const auto fields = fields_of(req);
      const ScenarioEntry* selected = req.has_param("scenario") ? catalogue.find(req.get_param_value("scenario")) : nullptr;
      const ScenarioEntry& shown = selected ? *selected : default_entry();
      try {
        const RunRequest request = parse_run_form(fields, catalogue, options.limits);
        const std::string id = job.start(*catalogue.find(request.scenario), request);
        res.set_redirect("/runs/" + id, 303);
      } catch (const FormError& e) {
        send_start(res, 400, shown, e.what(), fields);
      } catch (const BusyError& e) {
        send_start(res, 409, shown, e.what(), fields);
      }
    });
    // Browsers ask for it on every page (the brief's too): "no content" rather than a 404 in their console.
    http.Get("/favicon.ico", [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
    http.Get("/status.json", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(status_json(job.status()), "application/json");
    });
    http.Get(R"(/runs/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
      if (auto run = run_of(req, res)) res.set_content(run_page(*run, live_status(run->id)), kHtml);
    });
    http.Get(R"(/runs/([^/]+)/status.json)", [this](const httplib::Request& req, httplib::Response& res) {
      auto run = run_of(req, res);
      if (!run) return;
      auto live = live_status(run->id);
      if (!live) live = JobStatus{run->id, 0, 0, false, run->status == "running" ? "interrupted" : run->status, ""};
      res.set_content(status_json(live), "application/json");
    });
    http.Get(R"(/runs/([^/]+)/brief)", [this](const httplib::Request& req, httplib::Response& res) {
      auto run = run_of(req, res);
      if (!run) return;
      const std::string lang = req.has_param("lang") ? req.get_param_value("lang") : "nl";
      if (lang != "nl" && lang != "en")
        return send_message(res, 400, "Bad request", "lang: expected nl or en, got '" + lang + "'");
      const auto live = live_status(run->id);
      const std::string status = live ? (live->running ? "running" : live->status)
                                      : (run->status == "running" ? "interrupted" : run->status);
      if (status != "done")
        return send_message(res, 409, "No brief", "run " + run->id + " is " + status + "; a brief is made of a run that is done");
      try {
        send_file(res, brief_file(results / run->id, lang));
      } catch (const std::exception& e) {
        send_message(res, 500, "No brief", std::string("the brief of run ") + run->id + " could not be made: " + e.what());
      }
    });
    http.Get(R"(/results/(.*))", [this](const httplib::Request& req, httplib::Response& res) {
      const auto file = file_under(results, req.matches[1], req.target);
      if (!file) return send_message(res, 404, "Not found", "no such file");
      send_file(res, *file);
    });
    // Unknown routes (and the 404s above without a page) get a page; handlers' exceptions a 500.
    http.set_error_handler([this](const httplib::Request&, httplib::Response& res) {
      if (res.body.empty())
        res.set_content(message_page(std::to_string(res.status), res.status == 404 ? "no such page" : "request refused"),
                        kHtml);
    });
    http.set_exception_handler([this](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
      std::string what = "unknown error";
      try {
        std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        what = e.what();
      } catch (...) {
      }
      send_message(res, 500, "Internal error", what);
    });
  }
};

Server::Server(ServeOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Server::~Server() = default;

const Catalogue& Server::catalogue() const { return impl_->catalogue; }

int Server::bind() {
  const auto& o = impl_->options;
  errno = 0;
  const int port = o.port == 0 ? impl_->http.bind_to_any_port(o.host)
                               : (impl_->http.bind_to_port(o.host, o.port) ? o.port : -1);
  if (port < 0)
    throw std::runtime_error("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                             (errno ? std::string(" (") + std::strerror(errno) + ")" : std::string()));
  return port;
}

void Server::listen() { impl_->http.listen_after_bind(); }
void Server::stop() { impl_->http.stop(); }
std::optional<JobStatus> Server::job_status() const { return impl_->job.status(); }

}  // namespace wijksim::serve
