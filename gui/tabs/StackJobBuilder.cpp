#include "tabs/StackJobBuilder.h"

#include <QCoreApplication>
#include <exception>

#include "LogHub.h"
#include "fits/FitsReader.h"

namespace skyweave::gui {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("skyweave::gui::StackJobBuilder", text); }
}  // namespace

std::shared_ptr<Job> buildStackJob(const StackForm& form, QString& error) {
    if (form.frames.size() < 2) {
        error = tr("Add at least two usable FITS frames.");
        return nullptr;
    }
    if (form.output.isEmpty()) {
        error = tr("Choose an output file.");
        return nullptr;
    }
    error = tr("The stacking engine is not part of this build yet.");
    return nullptr;
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
