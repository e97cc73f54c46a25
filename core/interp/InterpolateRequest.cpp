#include "interp/InterpolateRequest.h"

#include "common/Errors.h"
#include "io/PngSequenceSink.h"

namespace skyweave {

InterpolateOutcome runInterpolateRequest(const InterpolateRequest& request, ProgressSink& progress,
                                         const CancelToken& cancel, const InterpolateHooks& hooks) {
    if (!request.video && request.framesFolder.empty())
        throw SkyweaveError(ErrorKind::BadInput, "no output: give a video file or a folder for PNG frames");
    validateInterpolationParams(request.interpolation);
    if (request.video) encode::validateEncodeParams(*request.video);  // refuse bad codec combinations before any decoding

    const SequenceLoader loader(request.inputs, request.sequence);
    const FrameFormat& f = loader.info().format;
    progress.log(LogLevel::Info, std::to_string(loader.size()) + " frames " + std::to_string(f.width) + "×" +
                        std::to_string(f.height) + (f.channels == 3 ? " colour" : " grey") +
                        (f.depth == CV_16U ? " 16-bit" : " 8-bit") + ", ordered by " +
                        (loader.info().orderUsed == FrameOrder::Timestamp ? "timestamp" : "name"));
    // The encoder's queue and codec pictures live as long as the run: the plan reserves them up front.
    const std::uint64_t sinkBytes = request.video ? encode::estimateEncoderMemory(*request.video, f).totalBytes() : 0;
    InterpolationPipeline pipeline(loader, request.interpolation, MemoryBudget(request.budgetBytes),
                                   request.maxWorkers, hooks.sampler, sinkBytes);
    if (hooks.onGovernor) hooks.onGovernor(pipeline.governor());

    InterpolateOutcome outcome;
    if (request.video) {
        std::unique_ptr<encode::VideoEncoder> encoder = encode::createVideoEncoder(*request.video);
        outcome.output = encoder->describe();
        outcome.interpolation = pipeline.run(*encoder, progress, cancel);
        outcome.video = encoder->summary();
    } else {
        PngSequenceSink sink(request.framesFolder, request.overwrite);
        outcome.output = sink.describe();
        outcome.interpolation = pipeline.run(sink, progress, cancel);
    }
    return outcome;
}

}  // namespace skyweave
