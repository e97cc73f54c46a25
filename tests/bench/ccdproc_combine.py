#!/usr/bin/python3
"""ccdproc.combine on file names (keeps ccdproc near its mem_limit), as in stack_bench.sh.

Usage: ccdproc_combine.py median|sigma MEM_LIMIT_BYTES OUT.fits FILE...
  median: method='median'
  sigma:  method='average' with sigma_clip (median centre, mad_std spread, 3/3 sigma, one pass)
"""
import sys
import numpy as np
import ccdproc
from astropy.stats import mad_std

mode, limit, out, files = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4:]
kwargs = dict(mem_limit=limit, unit="adu")  # ccdproc's default dtype: float64
if mode == "median":
    result = ccdproc.combine(files, method="median", **kwargs)
else:
    result = ccdproc.combine(files, method="average", sigma_clip=True, sigma_clip_low_thresh=3,
                             sigma_clip_high_thresh=3, sigma_clip_func=np.ma.median,
                             sigma_clip_dev_func=mad_std, **kwargs)
result.uncertainty = None
result.mask = None
result.write(out, overwrite=True)
