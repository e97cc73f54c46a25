#include "tabs/StackJobBuilder.h"

#include <QCoreApplication>
#include <exception>

#include "jobs/StackJob.h"
#include "stack/StackSchema.h"

namespace skyweave::gui {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("skyweave::gui::StackJobBuilder", text); }
}  // namespace

std::shared_ptr<Job> buildStackJob(const ParamValues& values, const QStringList& inputs, MemoryMonitor* monitor,
                                   const std::function<QString(const std::string&)>& labelFor, QString& error) {
    if (inputs.size() < 2) {
        error = tr("Add at least two usable FITS frames.");
        return nullptr;
    }
    if (!stackSchema().isSet(values, "output")) {
        error = tr("Choose an output file.");
        return nullptr;
    }
    std::vector<std::filesystem::path> paths;
    for (const QString& p : inputs) paths.emplace_back(p.toStdString());
    try {
        StackRequest request = stackRequestFromValues(values, std::move(paths));
        validateStackRequest(request);
        return std::make_shared<StackJob>(std::move(request), monitor);
    } catch (const ParamError& e) {
        error = tr("%1: %2").arg(labelFor(e.key()), QString::fromUtf8(e.what()));
    } catch (const std::exception& e) {
        error = QString::fromUtf8(e.what());
    }
    return nullptr;
}

}  // namespace skyweave::gui
