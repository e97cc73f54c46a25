#include "stack/StackRequest.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <thread>

#include "common/Errors.h"
#include "fits/FitsReader.h"
#include "memory/CgroupFit.h"
#include "memory/PressureGovernor.h"
#include "stack/StackEngine.h"
#include "stack/StackRegistration.h"

namespace skyweave {
namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void refuse(const std::string& why) { throw SkyweaveError(ErrorKind::BadInput, why); }

/// Weights ∝ EXPTIME: read from each header (cheap) so a frame without one is named before the combine.
std::vector<double> exposureWeights(const std::vector<std::filesystem::path>& inputs, const CancelToken& cancel) {
    std::vector<double> weights;
    weights.reserve(inputs.size());
    for (const auto& path : inputs) {
        cancel.throwIfCancelled();
        std::optional<double> exposure;
        try {
            exposure = fits::FitsReader::readSummary(path).exposureSeconds;
        } catch (const SkyweaveError&) {
            weights.push_back(1.0);  // the catalogue skips the unreadable frame with its own reason
            continue;
        }
        if (!exposure || !(*exposure > 0.0))
            refuse(path.string() + ": no positive EXPTIME/EXPOSURE in the header, so it cannot be weighted by exposure");
        weights.push_back(*exposure);
    }
    return weights;
}

}  // namespace

void validateStackRequest(const StackRequest& request) {
    const StackParams& p = request.stack;
    if (p.inputs.size() < 2) refuse("at least 2 input files are needed");
    if (p.output.empty()) refuse("no output file given");
    if (!p.weights.empty() && p.weights.size() != p.inputs.size())
        refuse(std::to_string(p.weights.size()) + " weights for " + std::to_string(p.inputs.size()) +
               " input files: give one weight per file");
    if (p.chunkSize < 1) refuse("the chunk size must be at least 1 frame");
    if (p.threads < 0) refuse("the worker count cannot be negative");
    if (p.memoryLimitBytes == 0) refuse("the memory limit must be larger than 0");
    const auto& r = p.combine.rejection;
    if (r.method == RejectionMethod::Range && !(r.rangeLow <= r.rangeHigh))
        refuse("the kept range is empty: low " + std::to_string(r.rangeLow) + " is above high " + std::to_string(r.rangeHigh));
    if (const auto& motion = request.registration.motion) {
        const bool ephemeris = !motion->ephemerisPath.empty();
        const bool rate = motion->rateArcsecPerMin != 0.0 || motion->raDecRates || motion->track;
        if (ephemeris && rate) refuse("give either an ephemeris or a motion rate, not both");
        if (!ephemeris && !rate) refuse("tracking " + motion->objectName + " needs an ephemeris file or a motion rate");
    }
}

StackOutcome runStackRequest(const StackRequest& request, ProgressSink& progress, const CancelToken& cancel,
                             const StackHooks& hooks) {
    validateStackRequest(request);
    StackOutcome outcome;
    StackParams params = request.stack;
    const auto note = [&](const std::string& line) {
        progress.log(LogLevel::Warning, line);
        outcome.notes.push_back(line);
    };
    if (request.fitToCgroup)
        if (auto lowered = fitLimitToCgroup(params.memoryLimitBytes)) note(*lowered);
    if (params.weights.empty() && request.weighting == FrameWeighting::Exposure)
        params.weights = exposureWeights(params.inputs, cancel);
    if (hooks.prepare) hooks.prepare(params, progress, cancel);

    // Alignment and motion tracking: per-frame transforms and skip reasons into params (nothing for none).
    const auto registrationStart = std::chrono::steady_clock::now();
    const auto registration = StackRegistration::apply(params, request.registration, progress, cancel);
    for (const auto& line : registration.notes) note(line);
    outcome.registrationSeconds = secondsSince(registrationStart);

    const auto combineStart = std::chrono::steady_clock::now();
    StackEngine engine(params, progress, cancel);
    // Under memory pressure fewer strips are in flight (and reads pause at Critical).
    const int threads = params.threads > 0 ? params.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    PressureGovernor governor({threads, 1}, {1, 1});
    if (hooks.onGovernor) hooks.onGovernor(governor);
    engine.followGovernor(governor);
    outcome.result = engine.run();
    outcome.combineSeconds = secondsSince(combineStart);
    return outcome;
}

std::string stackSummaryLine(const StackOutcome& outcome) {
    const StackResult& r = outcome.result;
    char times[160];
    std::snprintf(times, sizeof times, " in %.1f s (registration %.1f s, combine %.1f s)",
                  outcome.registrationSeconds + outcome.combineSeconds, outcome.registrationSeconds, outcome.combineSeconds);
    return "Stacked " + std::to_string(r.used.size()) + " frames (" + std::to_string(r.skipped.size()) + " skipped) into " +
           r.output.filename().string() + times + (r.approximate ? " — approximate (chunked)" : "");
}

}  // namespace skyweave
