#include "stack/StackRegistration.h"

#include <cmath>
#include <cstdio>

#include <opencv2/core.hpp>

#include "common/AstroTime.h"
#include "common/Errors.h"
#include "fits/FitsReader.h"

namespace skyweave {

using track::AlignMode;
using track::alignModeName;
using track::FrameImageReader;
using track::FrameRegistration;
using track::Registration;
using track::RegistrationFrame;
using track::RegistrationParams;
using track::RegistrationResult;

namespace {

std::string frameLine(const std::string& name, const FrameRegistration& f, AlignMode align, bool tracking) {
    char buf[200];
    std::string line = name + ":";
    if (std::isfinite(f.midTimeMjd)) line += " mid-exposure " + AstroTime::mjdToIso(f.midTimeMjd, 3) + ";";
    if (tracking) {
        std::snprintf(buf, sizeof buf, " object shift %+.3f %+.3f px;", f.shiftX, f.shiftY);
        line += buf;
    }
    if (align != AlignMode::None) {
        std::snprintf(buf, sizeof buf, " alignment residual %.3f px", f.residualPx);
        line += buf;
    }
    if (align == AlignMode::Stars) line += " (" + std::to_string(f.matchedStars) + " stars)";
    return line;
}

}  // namespace

RegistrationResult StackRegistration::apply(StackParams& stack, const RegistrationParams& params,
                                            ProgressSink& sink, const CancelToken& cancel) {
    RegistrationResult result;
    if (params.align == AlignMode::None && !params.motion) return result;

    const std::size_t n = stack.inputs.size();
    std::vector<RegistrationFrame> frames(n);
    std::vector<std::string> unreadable(n);
    for (std::size_t i = 0; i < n; ++i) {
        cancel.throwIfCancelled();
        frames[i].path = stack.inputs[i].string();
        try {
            frames[i].headerCards = fits::FitsReader::readSummary(stack.inputs[i]).headerCards;
        } catch (const CancelledError&) {
            throw;
        } catch (const SkyweaveError& e) {
            unreadable[i] =
                "unreadable: " + causeOnly(e.what(), frames[i].path);  // registration sees an empty header
        }
    }
    const FrameImageReader reader = [&](std::size_t i) {
        const fits::FitsReader file(stack.inputs[i]);
        cv::Mat image(file.height(), file.width(), CV_32F);
        file.readRows(0, file.height(), image.ptr<float>());
        return image;
    };
    result = Registration::compute(frames, params, reader, &sink, &cancel);

    stack.transforms.assign(n, FrameTransform{});
    stack.presetSkipReasons.assign(n, std::string());
    stack.referenceIndex = static_cast<int>(result.referenceIndex);
    stack.alignMode = alignModeName(params.align);
    stack.motionTracked = params.motion.has_value();
    if (params.motion) stack.trackedObject = result.objectName;
    stack.historyLines.push_back(std::string("registration: align ") + alignModeName(params.align) +
                                 ", reference " + stack.inputs[result.referenceIndex].filename().string());
    if (!result.trackDescription.empty()) {
        stack.historyLines.push_back("tracking: " + result.trackDescription);
        if (result.objectPixel) {
            char buf[120];
            std::snprintf(buf, sizeof buf, "tracking: object at pixel %.3f %.3f (0-based) of the output",
                          (*result.objectPixel)[0], (*result.objectPixel)[1]);
            stack.historyLines.push_back(buf);
        }
    }
    // The notes go to the header here; callers show them (CLI warning lines, the Job's log).
    for (const std::string& note : result.notes) stack.historyLines.push_back("registration: " + note);
    for (std::size_t i = 0; i < n; ++i) {
        const FrameRegistration& f = result.frames[i];
        if (!f.usable) {
            // The stack lists skipped frames by name already; drop the reason's own "path: " prefix.
            std::string reason = unreadable[i].empty() ? f.skipReason : unreadable[i];
            const std::string prefix = frames[i].path + ": ";
            if (reason.rfind(prefix, 0) == 0) reason.erase(0, prefix.size());
            stack.presetSkipReasons[i] = reason;
            continue;
        }
        stack.transforms[i] = f.transform;
        // Header HISTORY and a log line (stderr in the CLI, the Job's log in the GUI): the residual per
        // frame.
        const std::string line =
            frameLine(stack.inputs[i].filename().string(), f, params.align, params.motion.has_value());
        stack.historyLines.push_back(line);
        sink.log(LogLevel::Info, line);
    }
    return result;
}

}  // namespace skyweave
