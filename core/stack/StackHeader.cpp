#include "stack/StackHeader.h"

#include <cmath>

#include <algorithm>
#include <array>
#include <cstdio>
#include <limits>
#include <map>
#include <string_view>

#include "fits/FitsWriter.h"
#include "stack/FrameCatalog.h"
#include "common/AstroTime.h"
#include "fits/HeaderCards.h"

namespace skyweave {
namespace {

/// Cards naming what kind of exposure a frame is. They describe one input, not the stack: copying
/// the reference's would call a stack of lights and darks "Light Frame", so IMAGETYP is written
/// from every frame combined instead (writeFrameType).
constexpr std::array<std::string_view, 3> kFrameTypeKeys{"IMAGETYP", "FRAMETYP", "OBSTYPE"};

/// Reference-header keys not copied: structure, scaling, per-exposure values we recompute, checksums.
bool copyFromReference(const std::string& name) {
    if (std::find(kFrameTypeKeys.begin(), kFrameTypeKeys.end(), name) != kFrameTypeKeys.end()) return false;
    static constexpr std::array<std::string_view, 22> kSkip{
        "SIMPLE", "BITPIX", "EXTEND", "BZERO", "BSCALE", "BLANK", "DATE-OBS", "DATE-END", "EXPTIME", "EXPOSURE",
        "NCOMBINE", "COMMENT", "HISTORY", "CHECKSUM", "DATASUM", "XTENSION", "PCOUNT", "GCOUNT", "CONTINUE",
        "HIERARCH", "DATAMIN", "DATAMAX"};
    if (std::find(kSkip.begin(), kSkip.end(), name) != kSkip.end()) return false;
    if (name.rfind("NAXIS", 0) == 0 || name == "END" || name == "MJD-OBS" || name == "MJD-MID") return false;
    if (name.size() >= 2 && name[0] == 'Z' && name != "ZENITH") return false;  // tile-compression bookkeeping
    return true;
}

std::string transformText(const FrameTransform& t) {
    char buf[160];
    if (t.isTranslation())
        std::snprintf(buf, sizeof buf, "shift dx=%.4f dy=%.4f", t.tx, t.ty);
    else
        std::snprintf(buf, sizeof buf, "map x'=%.6g x%+.6g y%+.4f, y'=%.6g x%+.6g y%+.4f", t.a, t.b, t.tx, t.c, t.d, t.ty);
    return buf;
}

std::string frameTypeOf(const std::string& headerCards) {
    const fits::HeaderCards header(headerCards);
    for (const auto key : kFrameTypeKeys)
        if (auto type = header.text(key); type && !type->empty()) return *type;
    return {};
}

/// IMAGETYP of the stack: the type every combined frame has, or MIXED (with the counts in HISTORY).
void writeFrameType(fits::FitsWriter& w, int hdu, const FrameCatalog& catalog) {
    std::map<std::string, int> counts;
    for (const auto& f : catalog.frames())
        if (auto type = frameTypeOf(f.summary.headerCards); !type.empty()) ++counts[type];
    if (counts.empty()) return;
    if (counts.size() == 1) {
        w.setKeyword(hdu, "IMAGETYP", counts.begin()->first, "type of every frame combined");
        return;
    }
    std::string list;
    for (const auto& [type, n] : counts) list += (list.empty() ? "" : ", ") + std::to_string(n) + " x " + type;
    w.setKeyword(hdu, "IMAGETYP", std::string("MIXED"), "frames of different types were combined");
    w.addHistory(hdu, "frame types combined: " + list);
}

/// Total exposure of the frames combined (skipped and dropped frames are not in the catalog).
double usedExposureSeconds(const FrameCatalog& catalog) {
    double total = 0.0;
    for (const auto& f : catalog.frames()) total += f.summary.exposureSeconds.value_or(0.0);
    return total;
}

}  // namespace

void StackHeader::updateStripCount(fits::FitsWriter& w, int hdu, const StackResult& result) {
    w.setKeyword(hdu, "TOTAL_STRIPS", result.strips, "row strips combined");
    if (!result.chunked) w.setKeyword(hdu, "TOTAL_CHUNKS", result.strips, "row strips");
}

void StackHeader::write(fits::FitsWriter& w, int hdu, const StackParams& params, const FrameCatalog& catalog,
                        const StackResult& result) {
    const auto& ref = catalog.reference();
    w.copyCards(hdu, ref.summary.headerCards, copyFromReference);

    w.setKeyword(hdu, "NCOMBINE", static_cast<int>(result.used.size()), "frames combined");
    w.setKeyword(hdu, "EXPTIME", usedExposureSeconds(catalog), "[s] total exposure of the frames combined");
    writeFrameType(w, hdu, catalog);
    double start = std::numeric_limits<double>::infinity(), end = -start;
    for (const auto& f : catalog.frames()) {
        if (!f.summary.dateObsMjd) continue;
        start = std::min(start, *f.summary.dateObsMjd);
        end = std::max(end, *f.summary.dateObsMjd + f.summary.exposureSeconds.value_or(0.0) / 86400.0);
    }
    if (start <= end) {
        const double mid = 0.5 * (start + end);
        w.setKeyword(hdu, "DATE-OBS", AstroTime::mjdToIso(mid), "middle of the span from first start to last end");
        w.setKeyword(hdu, "MJD-MID", mid, "[d] middle of the span (UTC)");
        w.setKeyword(hdu, "DATE-BEG", AstroTime::mjdToIso(start), "start of the first exposure");
        w.setKeyword(hdu, "DATE-END", AstroTime::mjdToIso(end), "end of the last exposure");
    }

    const auto& c = params.combine;
    const auto& rj = c.rejection;
    w.setKeyword(hdu, "COMBINED", true, "made by skyweave-cli stack");
    w.setKeyword(hdu, "COMBMETH", std::string(combineMethodName(c.method)), "combine method");
    w.setKeyword(hdu, "REJECT", std::string(rejectionMethodName(rj.method)), "pixel rejection");
    if (rj.method == RejectionMethod::Sigma || rj.method == RejectionMethod::Winsorized) {
        w.setKeyword(hdu, "SIGLOW", rj.sigmaLow, "rejection low threshold [sigma]");
        w.setKeyword(hdu, "SIGHIGH", rj.sigmaHigh, "rejection high threshold [sigma]");
        w.setKeyword(hdu, "REJITER", rj.maxIterations, "maximum rejection passes");
        if (rj.method == RejectionMethod::Sigma) {
            w.setKeyword(hdu, "REJCENT", std::string(rj.centre == ClipCentre::Median ? "median" : "mean"), "clip centre");
            w.setKeyword(hdu, "REJSPRD", std::string(rj.spread == ClipSpread::Mad ? "1.4826*MAD" : "stddev"), "clip spread");
        }
    } else if (rj.method == RejectionMethod::MinMax) {
        w.setKeyword(hdu, "REJNLOW", rj.dropLow, "lowest values dropped per pixel");
        w.setKeyword(hdu, "REJNHIGH", rj.dropHigh, "highest values dropped per pixel");
    } else if (rj.method == RejectionMethod::Range) {
        // An open end (only a high or only a low bound given) is ±Inf, which FITS cannot hold: left out.
        if (std::isfinite(rj.rangeLow)) w.setKeyword(hdu, "REJRLOW", rj.rangeLow, "values below rejected");
        if (std::isfinite(rj.rangeHigh)) w.setKeyword(hdu, "REJRHIGH", rj.rangeHigh, "values above rejected");
    }
    w.setKeyword(hdu, "NORMALIZ", std::string(params.normalization == Normalization::None ? "none"
                                              : params.normalization == Normalization::Multiplicative ? "multiplicative"
                                                                                                       : "additive"));
    w.setKeyword(hdu, "ALIGNMTH", params.alignMode, "frame alignment");
    w.setKeyword(hdu, "RESAMPLE", std::string(params.resampling == Resampling::Lanczos3 ? "lanczos3" : "bilinear"));

    w.setKeyword(hdu, "CHUNKED_PROCESSING", result.chunked, "frames combined in chunks (memory limit)");
    w.setKeyword(hdu, "TOTAL_CHUNKS", result.chunked ? result.chunks : result.strips,
                 result.chunked ? "frame chunks" : "row strips");
    w.setKeyword(hdu, "TOTAL_STRIPS", result.strips, "row strips combined");
    w.setKeyword(hdu, "APPROXIMATE", result.approximate, "chunk results merged: not the exact statistic");
    w.setKeyword(hdu, "MEMORY_LIMIT_MB", static_cast<long long>(params.memoryLimitBytes >> 20), "[MiB] limit of the run");
    w.setKeyword(hdu, "MOTION_TRACKED", params.motionTracked, "frames shifted to follow a moving object");
    if (!params.trackedObject.empty()) w.setKeyword(hdu, "TRACKED_OBJECT", params.trackedObject);

    if (result.approximate)
        w.addComment(hdu, "Chunked combine: each chunk's result was merged by a frame-count-weighted mean; for "
                          "median or rejection this approximates the statistic over all frames.");
    for (const auto& line : params.historyLines) w.addHistory(hdu, line);
    for (std::size_t i = 0; i < result.used.size(); ++i)
        w.addHistory(hdu, "used " + std::to_string(i + 1) + ": " + result.used[i].path.filename().string() + " " +
                              transformText(result.used[i].transform));
    for (const auto& s : result.skipped)
        w.addHistory(hdu, "skipped: " + s.path.filename().string() + ": " + s.reason);
}

}  // namespace skyweave
