#include "widgets/VideoResultBar.h"

#include <QDesktopServices>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QUrl>
#include <algorithm>

namespace skyweave::gui {

VideoResultBar::VideoResultBar(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("videoResultBar"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    plan_ = new QLabel(this);
    plan_->setObjectName(QStringLiteral("videoPlan"));
    play_ = new QPushButton(QIcon(QStringLiteral(":/icons/start.svg")), tr("Play"), this);
    play_->setObjectName(QStringLiteral("playVideo"));
    play_->setToolTip(tr("Open the video in the default player"));
    openFolder_ = new QPushButton(QIcon(QStringLiteral(":/icons/folder.svg")), tr("Open folder"), this);
    openFolder_->setObjectName(QStringLiteral("openVideoFolder"));
    layout->addWidget(plan_, 1);
    layout->addWidget(play_);
    layout->addWidget(openFolder_);
    connect(play_, &QPushButton::clicked, this, [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(video_)); });
    connect(openFolder_, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(video_).absolutePath())); });
    clearVideo();
}

long long VideoResultBar::outputFrames(int inputFrames, int factor) {
    if (inputFrames <= 0) return 0;
    return static_cast<long long>(std::max(1, factor)) * (inputFrames - 1) + 1;  // as InterpolationPipeline
}

QString VideoResultBar::planText(int inputFrames, int factor, double fps) {
    const long long frames = outputFrames(inputFrames, factor);
    if (frames == 0 || fps <= 0) return {};
    const double seconds = static_cast<double>(frames) / fps;
    return tr("Video: %1 frames · %2 s at %3 fps")
        .arg(frames)
        .arg(seconds, 0, 'f', seconds < 10 ? 1 : 0)
        .arg(QString::number(fps, 'g', 5));
}

void VideoResultBar::setPlan(int inputFrames, int factor, double fps) { plan_->setText(planText(inputFrames, factor, fps)); }

void VideoResultBar::setVideo(const QString& path) {
    video_ = path;
    const bool there = !path.isEmpty() && QFileInfo::exists(path);
    play_->setVisible(there);
    openFolder_->setVisible(there);
}

void VideoResultBar::clearVideo() { setVideo({}); }

QString VideoResultBar::planLine() const { return plan_->text(); }

}  // namespace skyweave::gui
