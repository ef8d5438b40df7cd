#!/usr/bin/python3
"""Derives the weekly improve rates of scenarios/default.yaml (run it, paste the output).

Why: the default city should keep a roughly stable prevalence near its initial one
(DOMAIN-FIGURES.md §2.1, §5.3). For a chain that moves one level per week, the initial
distribution pi is stationary when detailed balance holds:
    pi[s] * improve[s] * pull = pi[s+1] * worsen[s+1] * push
with pull = 1 + network_improvement * mean network strength (the engine's improve factor)
and push = the mean-field coupling factor 1 + sum_j coupling[i][j] * E[problem_weight(sev_j)].
Life events are left out, so the city drifts a little worse over ten years: they are the
shocks the policy variants are meant to absorb.
"""
import numpy as np

DOMAINS = {  # name: (initial distribution over severity 1..5, worsen scale r)
    "finances":                ([0.02, 0.06, 0.14, 0.38, 0.40], 0.0015),
    "work_education":          ([0.02, 0.05, 0.13, 0.40, 0.40], 0.0015),
    "time_use":                ([0.01, 0.04, 0.12, 0.43, 0.40], 0.0015),
    "housing":                 ([0.01, 0.03, 0.08, 0.38, 0.50], 0.0008),
    "domestic_relations":      ([0.01, 0.03, 0.10, 0.41, 0.45], 0.0012),
    "mental_health":           ([0.03, 0.09, 0.18, 0.35, 0.35], 0.0030),
    "physical_health":         ([0.02, 0.06, 0.20, 0.37, 0.35], 0.0020),
    "substance_use":           ([0.01, 0.04, 0.07, 0.28, 0.60], 0.0008),
    "basic_adl":               ([0.005, 0.015, 0.05, 0.23, 0.70], 0.0008),
    "instrumental_adl":        ([0.01, 0.04, 0.08, 0.27, 0.60], 0.0010),
    "social_network":          ([0.04, 0.10, 0.34, 0.30, 0.22], 0.0030),
    "community_participation": ([0.02, 0.06, 0.20, 0.40, 0.32], 0.0020),
    "justice":                 ([0.003, 0.007, 0.02, 0.17, 0.80], 0.0005),
}
SHAPE = [0.0, 1.0, 1.0, 0.6, 0.3]   # worsen by severity, times r: nearer the edge, faster
LINKS = [  # (affected, cause, strength): the documented links of MODEL.md
    ("mental_health", "finances", 0.5), ("work_education", "mental_health", 0.4),
    ("mental_health", "social_network", 0.3), ("justice", "substance_use", 0.5),
    ("finances", "substance_use", 0.3), ("domestic_relations", "substance_use", 0.4),
    ("housing", "finances", 0.5), ("finances", "housing", 0.2), ("finances", "work_education", 0.4),
    ("social_network", "mental_health", 0.2), ("community_participation", "social_network", 0.3),
    ("time_use", "work_education", 0.3), ("domestic_relations", "mental_health", 0.2),
    ("physical_health", "mental_health", 0.1), ("mental_health", "physical_health", 0.2),
    ("instrumental_adl", "physical_health", 0.3), ("basic_adl", "physical_health", 0.3),
]
PROBLEM_WEIGHT = [2.0, 1.0, 0.0, 0.0, 0.0]
PULL = 1 + 0.5 * 0.55  # network_improvement default x mean network strength default

names = list(DOMAINS)
C = np.zeros((len(names), len(names)))
for a, b, v in LINKS:
    C[names.index(a), names.index(b)] = v
load = np.array([np.dot(PROBLEM_WEIGHT, DOMAINS[n][0]) for n in names])
for i, n in enumerate(names):
    pi, r = DOMAINS[n]
    push = 1 + C[i] @ load
    worsen = [round(r * k, 6) for k in SHAPE]
    improve = [float(f"{pi[s + 1] * worsen[s + 1] * push / (pi[s] * PULL):.4g}") for s in range(4)] + [0.0]
    print(f"  - name: {n}\n    worsen: {worsen}\n    improve: {improve}\n    initial: {pi}")
print("coupling rows:")
for i, n in enumerate(names):
    print("    - [" + ", ".join(f"{v:g}" for v in C[i]) + f"]  # {n}")
