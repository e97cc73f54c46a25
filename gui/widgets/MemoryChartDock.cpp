#include "widgets/MemoryChartDock.h"

#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

#include "widgets/MemoryStatusWidget.h"

namespace skyweave::gui {

namespace {

QLineSeries* makeSeries(const QString& name, const QColor& colour, Qt::PenStyle style, qreal width) {
    auto* series = new QLineSeries;
    series->setName(name);
    QPen pen(colour);
    pen.setStyle(style);
    pen.setWidthF(width);
    series->setPen(pen);
    return series;
}

}  // namespace

MemoryChartDock::MemoryChartDock(MemorySettings settings, QWidget* parent)
    : QDockWidget(tr("Memory"), parent), settings_(settings) {
    setObjectName(QStringLiteral("memoryDock"));
    chart_ = new QChart;
    chart_->setMargins(QMargins(4, 4, 4, 4));
    chart_->legend()->setAlignment(Qt::AlignRight);  // beside the plot: the axes keep the height they need
    available_ = makeSeries(tr("Available"), QColor(0x1e, 0x88, 0xe5), Qt::SolidLine, 2);
    rss_ = makeSeries(tr("Skyweave (RSS)"), QColor(0x43, 0xa0, 0x47), Qt::SolidLine, 2);
    warning_ = makeSeries(tr("Low (%1 MB)").arg(settings.warningMb), MemoryStatusWidget::colourFor(MemoryLevel::Low),
                          Qt::DashLine, 1.5);
    critical_ = makeSeries(tr("Critical (%1 MB)").arg(settings.criticalMb),
                           MemoryStatusWidget::colourFor(MemoryLevel::Critical), Qt::DashLine, 1.5);
    axisX_ = new QValueAxis;
    axisX_->setTitleText(tr("minutes ago"));
    axisX_->setRange(-kHistoryMinutes, 0);
    axisX_->setLabelFormat(QStringLiteral("%.0f"));
    axisX_->setTickCount(kHistoryMinutes / 2 + 1);
    axisY_ = new QValueAxis;
    axisY_->setTitleText(tr("MB"));
    axisY_->setLabelFormat(QStringLiteral("%.0f"));
    chart_->addAxis(axisX_, Qt::AlignBottom);
    chart_->addAxis(axisY_, Qt::AlignLeft);
    for (auto* s : {available_, rss_, warning_, critical_}) {
        chart_->addSeries(s);
        s->attachAxis(axisX_);
        s->attachAxis(axisY_);
    }
    view_ = new QChartView(chart_, this);
    view_->setRenderHint(QPainter::Antialiasing);
    view_->setMinimumSize(240, kMinChartHeight);  // below this the axis labels collapse to "…"
    setWidget(view_);
    redraw();
}

void MemoryChartDock::addSample(const MemoryStats& stats) {
    const double mb = 1024.0 * 1024.0;
    samples_.push_back(Sample{QDateTime::currentDateTime(), static_cast<double>(stats.availableBytes) / mb,
                              static_cast<double>(stats.processRssBytes) / mb,
                              static_cast<double>(stats.totalBytes) / mb});
    const QDateTime cutoff = samples_.back().time.addSecs(-kHistoryMinutes * 60);
    while (!samples_.empty() && samples_.front().time < cutoff) samples_.pop_front();
    redraw();
}

void MemoryChartDock::redraw() {
    const QDateTime now = QDateTime::currentDateTime();
    QList<QPointF> available;
    QList<QPointF> rss;
    double top = static_cast<double>(settings_.warningMb) * 1.5;
    for (const auto& s : samples_) {
        const double x = static_cast<double>(s.time.msecsTo(now)) / -60000.0;
        available.append({x, s.availableMb});
        rss.append({x, s.rssMb});
        top = std::max({top, s.availableMb, s.rssMb});
    }
    available_->replace(available);
    rss_->replace(rss);
    warning_->replace({{-double(kHistoryMinutes), double(settings_.warningMb)}, {0, double(settings_.warningMb)}});
    critical_->replace({{-double(kHistoryMinutes), double(settings_.criticalMb)}, {0, double(settings_.criticalMb)}});
    // Round the top up to a "nice" figure so the axis labels stay readable.
    const double step = std::pow(10.0, std::floor(std::log10(top)));
    axisY_->setRange(0, std::ceil(top * 1.1 / step) * step);
}

}  // namespace skyweave::gui
