#include "MemoryText.h"

#include <QCoreApplication>
#include <QLocale>

namespace skyweave::gui {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("skyweave::gui::MemoryText", text); }
}  // namespace

QString formatBytes(std::uint64_t bytes) {
    constexpr double kGb = 1024.0 * 1024.0 * 1024.0;
    if (static_cast<double>(bytes) >= kGb) return QStringLiteral("%1 GB").arg(static_cast<double>(bytes) / kGb, 0, 'f', 1);
    return QStringLiteral("%1 MB").arg(bytesToMb(bytes));
}

QString memoryStatusText(const MemoryStats& stats) {
    return tr("Memory: %1 available · %2 % used · app %3")
        .arg(formatBytes(stats.availableBytes))
        .arg(qRound(stats.usedPercent))
        .arg(formatBytes(stats.processRssBytes));
}

QString memoryLevelTitle(MemoryLevel level) {
    switch (level) {
    case MemoryLevel::Normal: return tr("Normal");
    case MemoryLevel::Low: return tr("Low");
    case MemoryLevel::Critical: return tr("Critical");
    }
    return {};
}

QString memoryTooltip(const MemoryStats& stats, const MemorySettings& settings, int refreshMs) {
    const auto row = [](const QString& name, const QString& value) {
        return QStringLiteral("<tr><td>%1</td><td align=\"right\">&nbsp;%2</td></tr>").arg(name, value);
    };
    QString html = QStringLiteral("<b>%1: %2</b><table>").arg(tr("Memory level"), memoryLevelTitle(stats.level));
    html += QStringLiteral("<tr><td colspan=\"2\"><i>%1</i></td></tr>").arg(tr("System"));
    html += row(tr("Total"), formatBytes(stats.totalBytes));
    html += row(tr("Available"), formatBytes(stats.availableBytes));
    html += row(tr("Used"), QStringLiteral("%1 %").arg(stats.usedPercent, 0, 'f', 1));
    html += QStringLiteral("<tr><td colspan=\"2\"><i>%1</i></td></tr>").arg(tr("Skyweave process"));
    html += row(tr("Resident (RSS)"), formatBytes(stats.processRssBytes));
    html += row(tr("Peak"), formatBytes(stats.processPeakBytes));
    html += QStringLiteral("<tr><td colspan=\"2\"><i>%1</i></td></tr>").arg(tr("Control group"));
    if (stats.cgroupLimitBytes) {
        html += row(tr("Limit"), formatBytes(*stats.cgroupLimitBytes));
        html += row(tr("In use"), stats.cgroupUsageBytes ? formatBytes(*stats.cgroupUsageBytes) : tr("unknown"));
    } else {
        html += row(tr("Limit"), tr("none"));
    }
    html += QStringLiteral("</table><br>");
    html += tr("Low below %1 MB available or above %2 % used; Critical below %3 MB or above %4 %.")
                .arg(settings.warningMb)
                .arg(settings.warningPercent, 0, 'f', 0)
                .arg(settings.criticalMb)
                .arg(settings.criticalPercent, 0, 'f', 0);
    html += QStringLiteral("<br>") + tr("Refreshed every %1 s.").arg(refreshMs / 1000.0, 0, 'g', 3);
    return html;
}

}  // namespace skyweave::gui
