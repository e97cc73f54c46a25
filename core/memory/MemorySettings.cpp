#include "memory/MemorySettings.h"

#include <QSet>
#include <QtGlobal>
#include <mutex>
#include <optional>

#include "memory/MemoryLog.h"

namespace skyweave {

namespace {

/// Larger than any machine Skyweave will meet (1 PiB); catches typos such as bytes given as MB.
constexpr std::uint64_t kMaxSaneMb = 1ULL << 30;

struct EnvValue {
    QString name;   ///< the variable that was set (SKYWEAVE_* wins over GOES_VFI_*)
    QString value;  ///< its raw text
};

std::optional<EnvValue> lookup(const char* primary, const char* alias) {
    for (const char* name : {primary, alias}) {
        if (qEnvironmentVariableIsSet(name))
            return EnvValue{QString::fromLatin1(name), qEnvironmentVariable(name)};
    }
    return std::nullopt;
}

/// Applies one MB variable to `target`, or records why its value was refused.
void applyMb(const char* primary, const char* alias, std::uint64_t& target, QStringList& problems) {
    const auto env = lookup(primary, alias);
    if (!env) return;
    bool ok = false;
    const qulonglong mb = env->value.trimmed().toULongLong(&ok);
    if (ok && mb > 0 && mb <= kMaxSaneMb) {
        target = mb;
        return;
    }
    problems << QStringLiteral(
                    "%1=\"%2\" is not a whole number of MB between 1 and %3; using the default %4 MB")
                    .arg(env->name, env->value)
                    .arg(kMaxSaneMb)
                    .arg(target);
}

}  // namespace

MemoryLevel MemorySettings::levelFor(std::uint64_t availableBytes, double usedPercent) const {
    if (availableBytes < criticalMb * kBytesPerMb || usedPercent > criticalPercent)
        return MemoryLevel::Critical;
    if (availableBytes < warningMb * kBytesPerMb || usedPercent > warningPercent) return MemoryLevel::Low;
    return MemoryLevel::Normal;
}

MemoryLevel MemorySettings::levelFor(std::uint64_t availableBytes, double usedPercent, std::uint64_t totalBytes) const {
    // 0 = total unknown (figures fed by hand): keep the MB lines.
    if (totalBytes == 0 || totalBytes >= 2 * warningMb * kBytesPerMb) return levelFor(availableBytes, usedPercent);
    if (usedPercent > criticalPercent) return MemoryLevel::Critical;
    if (usedPercent > warningPercent) return MemoryLevel::Low;
    return MemoryLevel::Normal;
}

MemorySettings MemorySettings::fromEnvironment(QStringList* problems) {
    MemorySettings s;
    QStringList found;
    applyMb("SKYWEAVE_MAX_MEMORY_MB", "GOES_VFI_MAX_MEMORY_MB", s.budgetMb, found);
    applyMb("SKYWEAVE_MEMORY_WARNING_THRESHOLD", "GOES_VFI_MEMORY_WARNING_THRESHOLD", s.warningMb, found);
    applyMb("SKYWEAVE_MEMORY_CRITICAL_THRESHOLD", "GOES_VFI_MEMORY_CRITICAL_THRESHOLD", s.criticalMb, found);
    if (s.criticalMb > s.warningMb) {
        // Otherwise Low could never be reported: every figure under the warning line is already Critical.
        found << QStringLiteral(
                     "the critical threshold %1 MB is above the warning threshold %2 MB; "
                     "using %2 MB for both")
                     .arg(s.criticalMb)
                     .arg(s.warningMb);
        s.criticalMb = s.warningMb;
    }
    if (problems) {
        *problems << found;
    } else if (!found.isEmpty()) {
        // Pipelines read the settings before each batch: say each problem once, not every time.
        static std::mutex mutex;
        static QSet<QString> logged;
        std::lock_guard lock(mutex);
        for (const QString& p : found) {
            if (!logged.contains(p)) qCWarning(lcMemory).noquote() << p;
            logged.insert(p);
        }
    }
    return s;
}

}  // namespace skyweave
