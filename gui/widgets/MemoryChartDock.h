#pragma once

#include <QDateTime>
#include <QDockWidget>
#include <deque>

#include "memory/MemorySettings.h"
#include "memory/MemoryStats.h"

class QChart;
class QChartView;
class QLineSeries;
class QValueAxis;

namespace skyweave::gui {

/**
 * @brief The Memory panel: available memory and Skyweave's RSS over the last minutes, with the
 *        Low and Critical thresholds drawn as dashed lines.
 *
 * Fed by MemoryMonitor::statsUpdated; keeps kHistoryMinutes of samples. X is minutes before now.
 */
class MemoryChartDock : public QDockWidget {
    Q_OBJECT

public:
    static constexpr int kHistoryMinutes = 10;
    /// Smallest chart height at which both axes still show their figures.
    static constexpr int kMinChartHeight = 140;

    /// Modest first-start height: the tabs get most of the window; the user drags for more.
    QSize sizeHint() const override { return {640, 150}; }

    explicit MemoryChartDock(MemorySettings settings, QWidget* parent = nullptr);

    [[nodiscard]] int sampleCount() const { return static_cast<int>(samples_.size()); }

public slots:
    void addSample(const skyweave::MemoryStats& stats);

private:
    struct Sample {
        QDateTime time;
        double availableMb = 0;
        double rssMb = 0;
        double totalMb = 0;
    };
    void redraw();

    MemorySettings settings_;
    std::deque<Sample> samples_;
    QChart* chart_ = nullptr;
    QChartView* view_ = nullptr;
    QLineSeries* available_ = nullptr;
    QLineSeries* rss_ = nullptr;
    QLineSeries* warning_ = nullptr;
    QLineSeries* critical_ = nullptr;
    QValueAxis* axisX_ = nullptr;
    QValueAxis* axisY_ = nullptr;
};

}  // namespace skyweave::gui
