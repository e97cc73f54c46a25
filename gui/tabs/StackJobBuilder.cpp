#include "tabs/StackJobBuilder.h"

#include <QCoreApplication>
#include <exception>

#include "LogHub.h"
#include "fits/FitsReader.h"
#include "stack/StackJob.h"
#include "track/Registration.h"

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
    const auto align = track::parseAlignMode(form.alignment.toStdString());
    if (!align) {
        error = tr("Unknown alignment “%1” (none, wcs or stars).").arg(form.alignment);
        return nullptr;
    }
    if (form.track && form.ephemeris.isEmpty() && form.rateArcsecPerMin <= 0.0) {
        error = tr("Give an ephemeris file or a motion rate for %1.").arg(form.objectName);
        return nullptr;
    }
    // The same registration the CLI runs: alignment and motion tracking fill the per-frame
    // transforms and skip reasons inside the job, before the first strip is read.
    track::RegistrationParams registration;
    registration.align = *align;
    if (form.track) {
        track::MotionParams motion;
        motion.objectName = form.objectName.trimmed().toStdString();
        motion.ephemerisPath = form.ephemeris.toStdString();
        motion.rateArcsecPerMin = form.rateArcsecPerMin;
        motion.positionAngleDeg = form.positionAngleDeg;
        registration.motion = std::move(motion);
    }
    StackParams params = form.params;
    params.alignMode = form.alignment.toStdString();
    auto job = std::make_shared<StackJob>(std::move(params), monitor);
    job->setRegistration(std::move(registration));
    return job;
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
