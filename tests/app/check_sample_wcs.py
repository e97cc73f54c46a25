#!/usr/bin/python3
"""Checks a `skyweave-cli sample` FITS folder with astropy, independently of Skyweave's own code.

For every frame: astropy reads the header's TAN WCS; the asteroid's ephemeris position (CSV and
Horizons table, linearly interpolated at DATE-OBS + EXPTIME/2) maps through that frame's WCS to the
pixel position truth.json states, within 0.3 px. Exit status 0 when all hold.
Usage: check_sample_wcs.py SAMPLE_DIR/fits
"""
import datetime
import json
import os
import sys
import warnings

import numpy as np
from astropy import units as u
from astropy.coordinates import SkyCoord
from astropy.io import fits
from astropy.time import Time
from astropy.wcs import WCS

TOLERANCE_PX = 0.3
warnings.simplefilter("ignore")  # e.g. a stale IERS table; irrelevant for UTC arithmetic


def read_csv(path):
    lines = open(path).read().splitlines()
    assert lines[0] == "time,ra_deg,dec_deg", lines[0]
    rows = [line.split(",") for line in lines[1:] if line]
    return (Time([r[0] for r in rows], format="isot", scale="utc").mjd,
            np.array([float(r[1]) for r in rows]), np.array([float(r[2]) for r in rows]))


def read_horizons(path):
    text = open(path).read()
    body = text.split("$$SOE\n", 1)[1].split("$$EOE", 1)[0].strip().splitlines()
    times, ras, decs = [], [], []
    for line in body:
        p = line.split()
        when = datetime.datetime.strptime(p[0] + " " + p[1], "%Y-%b-%d %H:%M:%S.%f")
        times.append(Time(when, scale="utc").mjd)
        c = SkyCoord(" ".join(p[2:5]), " ".join(p[5:8]), unit=(u.hourangle, u.deg), frame="icrs")
        ras.append(c.ra.deg)
        decs.append(c.dec.deg)
    return np.array(times), np.array(ras), np.array(decs)


def main(folder):
    truth = json.load(open(os.path.join(folder, "truth.json")))
    ephemerides = {"csv": read_csv(os.path.join(folder, "ephemeris.csv")),
                   "horizons": read_horizons(os.path.join(folder, "ephemeris_horizons.txt"))}
    worst = {name: 0.0 for name in ephemerides}
    for frame in truth["frames"]:
        header = fits.getheader(os.path.join(folder, frame["file"]))
        assert header["BITPIX"] == -32 and header["NAXIS1"] == truth["width"], frame["file"]
        assert "." in header["DATE-OBS"], header["DATE-OBS"]
        wcs = WCS(header)
        assert list(wcs.wcs.ctype) == ["RA---TAN", "DEC--TAN"], wcs.wcs.ctype
        mid = (Time(header["DATE-OBS"], format="isot", scale="utc") + header["EXPTIME"] / 2 * u.s).mjd
        for name, (t, ra, dec) in ephemerides.items():
            assert t[0] < mid < t[-1], f"{name} ephemeris does not cover {frame['file']}"
            x, y = wcs.all_world2pix(np.interp(mid, t, ra), np.interp(mid, t, dec), 0)
            error = float(np.hypot(x - frame["asteroid"]["x"], y - frame["asteroid"]["y"]))
            worst[name] = max(worst[name], error)
    summary = ", ".join(f"{name} {error:.5f} px" for name, error in worst.items())
    print(f"{len(truth['frames'])} frames: WCS read by astropy; ephemeris -> pixel worst error: {summary}")
    return 0 if max(worst.values()) < TOLERANCE_PX else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
