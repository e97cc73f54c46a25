#include "widgets/PathField.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>

#include "RecentFolder.h"

namespace skyweave::gui {

PathField::PathField(Kind kind, QString filter, QWidget* parent) : QWidget(parent), kind_(kind), filter_(std::move(filter)) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    edit_ = new QLineEdit(this);
    edit_->setClearButtonEnabled(true);
    browse_ = new QToolButton(this);
    browse_->setText(QStringLiteral("…"));
    browse_->setToolTip(kind == Folder ? tr("Choose a folder") : tr("Choose a file"));
    layout->addWidget(edit_, 1);
    layout->addWidget(browse_);
    connect(browse_, &QToolButton::clicked, this, [this] {
        QString chosenPath;
        const QString start = RecentFolder::startFor(edit_->text());
        switch (kind_) {
        case OpenFile: chosenPath = QFileDialog::getOpenFileName(this, tr("Open"), start, filter_); break;
        case SaveFile: chosenPath = QFileDialog::getSaveFileName(this, tr("Save as"), start, filter_); break;
        case Folder: chosenPath = QFileDialog::getExistingDirectory(this, tr("Choose a folder"), start); break;
        }
        if (chosenPath.isEmpty()) return;
        RecentFolder::remember(chosenPath);
        edit_->setText(QDir::toNativeSeparators(chosenPath));
        emit chosen(chosenPath);
    });
}

QString PathField::path() const { return edit_->text().trimmed(); }

}  // namespace skyweave::gui
