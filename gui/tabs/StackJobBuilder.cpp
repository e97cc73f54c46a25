#include "tabs/StackJobBuilder.h"

#include <QCoreApplication>
#include <exception>

#include "LogHub.h"
#include "fits/FitsReader.h"
#include "stack/StackJob.h"

namespace skyweave::gui {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("skyweave::gui::StackJobBuilder", text); }
}  // namespace

std::shared_ptr<Job> buildStackJob(const StackForm& form, MemoryMonitor* monitor, QString& error) {
    if (form.params.inputs.size() < 2) {
        error = tr("Add at least two usable FITS frames.");
        return nullptr;
    }
    if (form.params.output.empty()) {
        error = tr("Choose an output file.");
        return nullptr;
    }
    if (form.track && form.objectName.trimmed().isEmpty()) {
        error = tr("Name the object to track (as in the ephemeris).");
        return nullptr;
    }
    // Registration (WCS/stars) and motion tracking produce StackParams::transforms; the engine takes
    // them, but core has no registration step for them yet — the same limit as `skyweave-cli stack`.
    if (form.alignment != QLatin1String("none") || form.track) {
        error = tr("%1 is not available in this build yet (frame registration is not wired in). Choose "
                   "“none (already registered)” and switch tracking off to stack pre-registered frames.")
                    .arg(form.track ? tr("Motion tracking") : tr("Alignment on %1").arg(form.alignment));
        return nullptr;
    }
    StackParams params = form.params;
    params.alignMode = form.alignment.toStdString();
    return std::make_shared<StackJob>(std::move(params), monitor);
}

cv::Mat loadFitsImage(const QString& path) {
    try {
        fits::FitsReader reader(path.toStdString());
        std::vector<float> pixels = reader.readImage();
        return cv::Mat(reader.height(), reader.width(), CV_32F, pixels.data()).clone();
    } catch (const std::exception& e) {
        qCWarning(lcGui).noquote() << "Could not show the result:" << e.what();
        return {};
    }
}

}  // namespace skyweave::gui
