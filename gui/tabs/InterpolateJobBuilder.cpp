#include "tabs/InterpolateJobBuilder.h"

#include <QCoreApplication>
#include <exception>

#include "encode/EncodeRules.h"
#include "jobs/InterpolateJob.h"

namespace skyweave::gui {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("skyweave::gui::InterpolateJobBuilder", text); }
}  // namespace

std::shared_ptr<Job> buildInterpolateJob(const InterpolateRequest& request, MemoryMonitor* monitor, QString& error) {
    if (request.inputs.empty()) {
        error = tr("Choose an input folder or images.");
        return nullptr;
    }
    if (!request.video || request.video->outputPath.empty()) {
        error = tr("Choose an output video file (.mp4, .mkv or .mov).");
        return nullptr;
    }
    try {
        validateInterpolationParams(request.interpolation);
        checkEncodeRules(*request.video);
    } catch (const std::exception& e) {
        error = QString::fromStdString(e.what());
        return nullptr;
    }
    return std::make_shared<InterpolateJob>(request, monitor);
}

}  // namespace skyweave::gui
