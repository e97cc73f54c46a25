#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace skyweave::gui {

/**
 * @brief Under the Interpolate previews: what the run will make ("Video: 93 frames · 3.1 s at
 *        30 fps") before it starts, and Play / Open folder once the video is written.
 *
 * Play opens the video in the desktop's default player, Open folder the folder holding it
 * (QDesktopServices, so nothing here depends on a particular player).
 */
class VideoResultBar : public QWidget {
    Q_OBJECT

public:
    explicit VideoResultBar(QWidget* parent = nullptr);

    /// Frames a run writes: every input frame plus (factor − 1) new ones per pair; 0 without input.
    [[nodiscard]] static long long outputFrames(int inputFrames, int factor);
    /// "Video: 93 frames · 3.1 s at 30 fps" (empty without input frames).
    [[nodiscard]] static QString planText(int inputFrames, int factor, double fps);

    void setPlan(int inputFrames, int factor, double fps);
    /// The written video: shows Play and Open folder for it.
    void setVideo(const QString& path);
    /// Forgets the video (new inputs) and hides the buttons.
    void clearVideo();

    [[nodiscard]] QString planLine() const;
    [[nodiscard]] QString video() const { return video_; }
    [[nodiscard]] QPushButton* playButton() const { return play_; }
    [[nodiscard]] QPushButton* openFolderButton() const { return openFolder_; }

private:
    QLabel* plan_ = nullptr;
    QPushButton* play_ = nullptr;
    QPushButton* openFolder_ = nullptr;
    QString video_;
};

}  // namespace skyweave::gui
