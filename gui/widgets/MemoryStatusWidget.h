#pragma once

#include <QColor>
#include <QLabel>

#include "memory/MemorySettings.h"
#include "memory/MemoryStats.h"

namespace skyweave::gui {

/**
 * @brief The always-visible memory line in the status bar, coloured by level.
 *
 * Renders what MemoryMonitor measured (it measures nothing itself): grey when Normal, orange
 * when Low, red when Critical; the tooltip has the system, process and cgroup figures and the
 * thresholds. Clicking it emits clicked() (the main window shows the Memory panel).
 */
class MemoryStatusWidget : public QLabel {
    Q_OBJECT

public:
    explicit MemoryStatusWidget(MemorySettings settings, int refreshMs, QWidget* parent = nullptr);

    [[nodiscard]] MemoryLevel level() const { return stats_.level; }
    [[nodiscard]] QColor levelColour() const { return colourFor(stats_.level); }
    [[nodiscard]] bool hasStats() const { return hasStats_; }

    static QColor colourFor(MemoryLevel level);

public slots:
    void setStats(const skyweave::MemoryStats& stats);

signals:
    void clicked();

protected:
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    MemorySettings settings_;
    int refreshMs_;
    MemoryStats stats_;
    bool hasStats_ = false;
};

}  // namespace skyweave::gui
