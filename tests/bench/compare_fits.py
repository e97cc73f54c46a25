#!/usr/bin/python3
"""Prints 'max_abs max_rel' between the primary images of A (scaled by SCALE, default 1) and reference B.

Relative difference = |a − b| / max(|b|, 1e-30) over pixels finite in both."""
import sys
import numpy as np
from astropy.io import fits

a = fits.getdata(sys.argv[1]).astype(np.float64) * (float(sys.argv[3]) if len(sys.argv) > 3 else 1.0)
b = fits.getdata(sys.argv[2]).astype(np.float64)
ok = np.isfinite(a) & np.isfinite(b)
d = np.abs(a[ok] - b[ok])
print("%.3g %.3g" % (d.max(), (d / np.maximum(np.abs(b[ok]), 1e-30)).max()))
