#include "tabs/InterpolateJobBuilder.h"

#include <QCoreApplication>
#include <exception>

#include "encode/EncodeRules.h"

namespace skyweave::gui {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("skyweave::gui::InterpolateJobBuilder", text); }
}  // namespace

std::shared_ptr<Job> buildInterpolateJob(const InterpolateForm& form, QString& error) {
    if (form.inputs.isEmpty()) {
        error = tr("Choose an input folder or images.");
        return nullptr;
    }
    if (form.encode.outputPath.empty()) {
        error = tr("Choose an output video file (.mp4, .mkv or .mov).");
        return nullptr;
    }
    try {
        validateInterpolationParams(form.interpolation);
        checkEncodeRules(form.encode);
    } catch (const std::exception& e) {
        error = QString::fromStdString(e.what());
        return nullptr;
    }
    error = tr("The interpolation pipeline is not part of this build yet.");
    return nullptr;
}

}  // namespace skyweave::gui
