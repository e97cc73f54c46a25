#include "dialogs/MemoryWarningDialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

#include "MemoryText.h"

namespace skyweave::gui {

namespace {

QLabel* sectionLabel(QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QString bulletList(const QStringList& items) {
    QString html = QStringLiteral("<ul style=\"margin-top:0px; margin-bottom:0px;\">");
    for (const auto& item : items) html += QStringLiteral("<li>%1</li>").arg(item.toHtmlEscaped());
    return html + QStringLiteral("</ul>");
}

}  // namespace

MemoryWarningDialog::MemoryWarningDialog(QWidget* parent) : QDialog(parent) {
    setObjectName(QStringLiteral("memoryWarningDialog"));
    // The platform adds " — Skyweave" (the application's display name) itself.
    setWindowTitle(tr("Memory is critically low"));
    setModal(false);
    setWindowModality(Qt::NonModal);
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    auto* icon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(iconSize, iconSize));
    icon->setAlignment(Qt::AlignTop);
    top->addWidget(icon);
    auto* sections = new QVBoxLayout;
    happening_ = sectionLabel(this);
    done_ = sectionLabel(this);
    advice_ = sectionLabel(this);
    sections->addWidget(happening_);
    sections->addWidget(done_);
    sections->addWidget(advice_);
    top->addLayout(sections, 1);
    layout->addLayout(top);

    auto* buttons = new QDialogButtonBox(this);
    cancelJob_ = buttons->addButton(tr("Cancel the running job"), QDialogButtonBox::DestructiveRole);
    cancelJob_->setObjectName(QStringLiteral("cancelJobButton"));
    auto* panel = buttons->addButton(tr("Show memory panel"), QDialogButtonBox::ActionRole);
    auto* close = buttons->addButton(QDialogButtonBox::Close);
    close->setDefault(true);
    layout->addWidget(buttons);
    connect(cancelJob_, &QPushButton::clicked, this, [this] {
        emit cancelJobRequested();
        cancelJob_->setEnabled(false);
    });
    panel->setObjectName(QStringLiteral("showMemoryPanelButton"));
    connect(panel, &QPushButton::clicked, this, [this] {
        emit showMemoryPanelRequested();
        QDialog::close();  // the panel is what the user wants to look at now
    });
    connect(close, &QPushButton::clicked, this, &QDialog::close);
    setMinimumWidth(460);
}

void MemoryWarningDialog::setSituation(const MemoryStats& stats, const QStringList& actions, const QString& runningJob) {
    happening_->setText(
        tr("<b>What is happening</b><br>Only %1 of memory is still available (%2 % in use; Skyweave itself uses %3). "
           "If memory runs out, the system may stop Skyweave or other applications without warning.")
            .arg(formatBytes(stats.availableBytes))
            .arg(qRound(stats.usedPercent))
            .arg(formatBytes(stats.processRssBytes)));
    QStringList did = actions;
    did.prepend(tr("Released cached image buffers and returned free memory to the system."));
    if (runningJob.isEmpty()) did.append(tr("No job is running, so nothing else needed to be slowed down."));
    done_->setText(tr("<b>What Skyweave already did</b>") + bulletList(did));
    QStringList advice{tr("Close other applications you do not need, such as browser tabs."),
                       tr("Lower the memory limit or the chunk size (Stack tab), or the maximum image size and "
                          "workers (Interpolate tab), then start again."),
                       runningJob.isEmpty()
                           ? tr("Wait for memory to recover before starting a large job; the status bar turns grey.")
                           : tr("Cancel the job if the computer becomes unresponsive; nothing half-written is kept.")};
    advice_->setText(tr("<b>What you can do</b>") + bulletList(advice));
    cancelJob_->setVisible(!runningJob.isEmpty());
    cancelJob_->setEnabled(!runningJob.isEmpty());
    if (!runningJob.isEmpty()) cancelJob_->setText(tr("Cancel “%1”").arg(runningJob));
    adjustSize();
}

QString MemoryWarningDialog::bodyText() const {
    return happening_->text() + QLatin1Char('\n') + done_->text() + QLatin1Char('\n') + advice_->text();
}

}  // namespace skyweave::gui
