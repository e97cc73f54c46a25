#include "widgets/FramePreviewStrip.h"

#include <QGridLayout>
#include <QLabel>
#include <QPixmap>
#include <QToolButton>

namespace skyweave::gui {

namespace {
constexpr int kThumbHeight = 104;
}

FramePreviewStrip::FramePreviewStrip(QWidget* parent) : QWidget(parent) {
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    const QString titles[3] = {tr("First"), tr("Middle"), tr("Last")};
    for (int i = 0; i < 3; ++i) {
        buttons_[i] = new QToolButton(this);
        buttons_[i]->setToolButtonStyle(Qt::ToolButtonIconOnly);
        // The icon follows the button's size, never the reverse (no resize feedback loop).
        buttons_[i]->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
        buttons_[i]->setFixedHeight(kThumbHeight);
        buttons_[i]->setMinimumWidth(96);
        buttons_[i]->setToolTip(tr("%1 frame — click to show it in the preview").arg(titles[i]));
        captions_[i] = new QLabel(titles[i], this);
        captions_[i]->setAlignment(Qt::AlignHCenter);
        captions_[i]->setProperty("title", titles[i]);
        layout->addWidget(buttons_[i], 0, i);
        layout->addWidget(captions_[i], 1, i);
        connect(buttons_[i], &QToolButton::clicked, this, [this, i] { emit frameClicked(i); });
    }
}

void FramePreviewStrip::setFrame(int index, const QImage& image, const QString& name) {
    images_[index] = image;
    const QString title = captions_[index]->property("title").toString();
    const QString full = QStringLiteral("%1: %2").arg(title, name);
    captions_[index]->setToolTip(full);
    captions_[index]->setText(captions_[index]->fontMetrics().elidedText(full, Qt::ElideMiddle, buttons_[index]->width()));
    refreshIcons();
}

void FramePreviewStrip::clear() {
    for (int i = 0; i < 3; ++i) {
        images_[i] = QImage();
        captions_[i]->setText(captions_[i]->property("title").toString());
        buttons_[i]->setIcon(QIcon());
    }
}

QString FramePreviewStrip::caption(int index) const { return captions_[index]->toolTip(); }

void FramePreviewStrip::refreshIcons() {
    for (int i = 0; i < 3; ++i) {
        if (images_[i].isNull()) continue;
        const QSize box = buttons_[i]->size() - QSize(8, 8);
        const QSize scaled = images_[i].size().scaled(box, Qt::KeepAspectRatio);
        const qreal dpr = devicePixelRatioF();
        QPixmap pixmap = QPixmap::fromImage(images_[i].scaled(scaled * dpr, Qt::KeepAspectRatio, Qt::SmoothTransformation));
        pixmap.setDevicePixelRatio(dpr);
        buttons_[i]->setIcon(QIcon(pixmap));
        buttons_[i]->setIconSize(scaled);
    }
}

void FramePreviewStrip::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    refreshIcons();
}

}  // namespace skyweave::gui
