"""Writes scipy-inference.txt: the SciPy values InferenceTests.swift checks against.
Run: python3 scipy-inference.py > scipy-inference.txt"""
import numpy as np
import scipy
import scipy.special as sp
import scipy.stats as st

rng = np.random.default_rng(7)
print("# Computed by SciPy", scipy.__version__)
print("# incomplete beta: x a b I")
for x, a, b in [(0.1, 0.5, 0.5), (0.5, 2, 3), (0.9, 10, 0.5), (0.3, 50, 60), (0.999, 0.5, 0.5),
                (1e-5, 1.5, 0.5), (0.7, 1, 1), (0.25, 200, 0.5)]:
    print(f"betainc {x!r} {a!r} {b!r} {float(sp.betainc(a, b, x))!r}")
print("# log-gamma")
for x in [0.1, 0.5, 1, 1.5, 2.5, 10, 100.5, 1e-3]:
    print(f"lgamma {x!r} {float(sp.gammaln(x))!r}")
print("# t cdf: t nu cdf")
for t, nu in [(0.5, 1), (-2, 3), (2.2, 4.5), (10, 2), (1.96, 1000), (-0.1, 7.3), (30, 5)]:
    print(f"tcdf {t!r} {nu!r} {float(st.t.cdf(t, nu))!r}")
print("# t quantile: p nu q")
for p, nu in [(0.975, 1), (0.975, 2), (0.975, 4), (0.975, 9), (0.975, 29), (0.95, 3.7), (0.5, 5)]:
    print(f"tppf {p!r} {nu!r} {float(st.t.ppf(p, nu))!r}")
print("# welch: a ; b ; t df p2 pgreater")
samples = [([0.945, 0.941, 0.949], [0.941, 0.933, 0.948]),
           ([1., 2, 3, 4, 5], [2., 4, 6, 8, 10, 12]),
           (list(np.round(rng.normal(0.9, 0.01, 5), 4)), list(np.round(rng.normal(0.89, 0.03, 7), 4))),
           ([0.5, 0.52], [0.7, 0.71, 0.69, 0.72])]
for a, b in samples:
    two = st.ttest_ind(a, b, equal_var=False)
    greater = st.ttest_ind(a, b, equal_var=False, alternative="greater")
    a = [float(x) for x in a]
    b = [float(x) for x in b]
    print("welch", ",".join(map(repr, a)), ",".join(map(repr, b)), repr(float(two.statistic)), repr(float(two.df)),
          repr(float(two.pvalue)), repr(float(greater.pvalue)))
print("# summary: values ; mean std ci95")
for v in [[0.945, 0.941, 0.949], [1., 2, 3, 4, 5, 6, 7, 8, 9, 10]]:
    m = np.mean(v)
    s = np.std(v, ddof=1)
    h = st.t.ppf(0.975, len(v) - 1) * s / np.sqrt(len(v))
    print("summary", ",".join(map(repr, v)), repr(float(m)), repr(float(s)), repr(float(h)))
