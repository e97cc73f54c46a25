#include "stack/StackJob.h"

#include <algorithm>
#include <thread>

#include "memory/MemoryMonitor.h"
#include "memory/PressureGovernor.h"
#include "stack/StackEngine.h"
#include "stack/StackRegistration.h"

namespace skyweave {

StackJob::StackJob(StackParams params, MemoryMonitor* monitor, QObject* parent)
    : Job(QStringLiteral("Stack %1 frames").arg(params.inputs.size()), parent), params_(std::move(params)), monitor_(monitor) {}

QString StackJob::execute() {
    const auto registration = StackRegistration::apply(params_, registration_, *this, cancelToken());
    for (const auto& note : registration.notes) log(LogLevel::Warning, note);
    StackEngine engine(params_, *this, cancelToken());
    const int threads = params_.threads > 0 ? params_.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    PressureGovernor governor({threads, 1}, {1, 1});
    QList<QMetaObject::Connection> connections;
    if (monitor_) {
        connections << governor.follow(*monitor_);
        connections << QObject::connect(&governor, &PressureGovernor::adjusted, this,
                                        [this](ResourceLimits, const QString& why) { notifyResourcesAdjusted(why); },
                                        Qt::DirectConnection);
        connections << QObject::connect(monitor_, &MemoryMonitor::memoryWarning, this,
                                        [this](const MemoryStats& s) { notifyMemoryWarning(s); }, Qt::DirectConnection);
        connections << QObject::connect(monitor_, &MemoryMonitor::memoryCritical, this,
                                        [this](const MemoryStats& s) { notifyMemoryCritical(s); }, Qt::DirectConnection);
        engine.followGovernor(governor);
    }
    struct Disconnect {
        QList<QMetaObject::Connection>& list;
        ~Disconnect() {
            for (const auto& c : list) QObject::disconnect(c);
        }
    } disconnect{connections};
    result_ = engine.run();
    const auto& r = *result_;
    return QStringLiteral("Stacked %1 frames (%2 skipped) into %3 in %4 s%5")
        .arg(r.used.size())
        .arg(r.skipped.size())
        .arg(QString::fromStdString(r.output.filename().string()))
        .arg(r.seconds, 0, 'f', 1)
        .arg(r.approximate ? QStringLiteral(" — approximate (chunked)") : QString());
}

}  // namespace skyweave
