#!/usr/bin/python3
"""Writes N float32 FITS frames (sky background + noise + stars + cosmic rays) for stack_bench.sh.

Usage: make_stack_frames.py DIR [N=64] [SIZE=2048]
Values are in ADU (~1000 background), like calibrated frames; deterministic (seeded).
"""
import sys
import numpy as np
from astropy.io import fits

def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 64
    size = int(sys.argv[3]) if len(sys.argv) > 3 else 2048
    rng = np.random.default_rng(20251121)
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    sky = 1000.0 + 0.02 * xx + 0.01 * yy
    stars = np.zeros((size, size), np.float32)
    for _ in range(300):
        x, y = rng.uniform(10, size - 10, 2)
        amp = rng.uniform(200, 20000)
        x0, y0 = int(x), int(y)
        sl = (slice(y0 - 8, y0 + 9), slice(x0 - 8, x0 + 9))
        stars[sl] += amp * np.exp(-((xx[sl] - x) ** 2 + (yy[sl] - y) ** 2) / (2 * 1.8 ** 2))
    base = (sky + stars).astype(np.float32)
    for i in range(n):
        frame = base + rng.normal(0.0, 12.0, (size, size)).astype(np.float32)
        hits = rng.integers(0, size, (200, 2))
        frame[hits[:, 0], hits[:, 1]] += rng.uniform(2000, 50000, 200).astype(np.float32)
        hdr = fits.Header()
        hdr["DATE-OBS"] = "2025-03-01T01:%02d:%02d.250" % (i // 60, i % 60)
        hdr["EXPTIME"] = 60.0
        hdr["OBJECT"] = "bench field"
        fits.writeto("%s/frame_%03d.fits" % (out, i), frame, hdr, overwrite=True)

if __name__ == "__main__":
    main()
