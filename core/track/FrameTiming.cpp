#include "track/FrameTiming.h"

#include <cmath>

#include "common/AstroTime.h"
#include "fits/HeaderCards.h"

namespace skyweave::track {

FrameTiming FrameTiming::fromHeader(const fits::HeaderCards& header) {
    FrameTiming t;
    if (const auto dateObs = header.text("DATE-OBS"); dateObs && !dateObs->empty()) {
        std::string text = *dateObs;
        if (text.size() == 10) {  // old style: date in DATE-OBS, time of day in TIME-OBS or UT
            if (const auto time = header.text("TIME-OBS") ? header.text("TIME-OBS") : header.text("UT"))
                text += "T" + *time;
        }
        t.startMjd = AstroTime::parseIsoToMjd(text);
        if (!t.startMjd) {
            t.problem = "DATE-OBS = '" + *dateObs + "' is not a date (expected YYYY-MM-DDThh:mm:ss.sss)";
            return t;
        }
    } else if (const auto mjd = header.number("MJD-OBS")) {
        t.startMjd = *mjd;
    } else {
        t.problem = "no DATE-OBS or MJD-OBS in the header";
        return t;
    }
    t.exposureSeconds = header.number("EXPTIME");
    if (!t.exposureSeconds) t.exposureSeconds = header.number("EXPOSURE");
    if (t.exposureSeconds && (!std::isfinite(*t.exposureSeconds) || *t.exposureSeconds < 0.0)) {
        t.problem = "EXPTIME = " + std::to_string(*t.exposureSeconds) + " is not a valid exposure";
        t.startMjd.reset();
        return t;
    }
    if (!t.exposureSeconds)
        t.problem = "no EXPTIME/EXPOSURE: the start time is used as the mid-exposure time";
    t.midMjd = AstroTime::midExposureMjd(*t.startMjd, t.exposureSeconds.value_or(0.0));
    return t;
}

}  // namespace skyweave::track
