#include "widgets/LogDock.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QVBoxLayout>
#include <algorithm>

namespace skyweave::gui {

namespace {

QString levelName(int level) {
    static const char* const kNames[] = {"debug", "info", "warning", "error"};
    return QString::fromLatin1(kNames[std::clamp(level, 0, 3)]);
}

QString colourFor(int level) {
    if (level >= 3) return QStringLiteral("#c62828");
    if (level == 2) return QStringLiteral("#e65100");
    if (level == 0) return QStringLiteral("#808080");
    return {};
}

QString plainLine(const LogEntry& e) {
    QString line = e.time.toString(QStringLiteral("HH:mm:ss")) + QLatin1Char(' ') + levelName(e.level);
    if (!e.source.isEmpty()) line += QStringLiteral(" [%1]").arg(e.source);
    return line + QStringLiteral(": ") + e.text;
}

}  // namespace

LogDock::LogDock(QWidget* parent) : QDockWidget(tr("Log"), parent) {
    setObjectName(QStringLiteral("logDock"));
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* bar = new QHBoxLayout;
    levelCombo_ = new QComboBox(body);
    levelCombo_->setObjectName(QStringLiteral("logLevel"));
    levelCombo_->addItem(tr("Debug and above"), 0);
    levelCombo_->addItem(tr("Info and above"), 1);
    levelCombo_->addItem(tr("Warnings and errors"), 2);
    levelCombo_->addItem(tr("Errors only"), 3);
    levelCombo_->setCurrentIndex(1);
    levelCombo_->setToolTip(tr("Show lines of this level and above"));
    filterEdit_ = new QLineEdit(body);
    filterEdit_->setObjectName(QStringLiteral("logFilter"));
    filterEdit_->setPlaceholderText(tr("Filter text…"));
    filterEdit_->setClearButtonEnabled(true);
    auto* copyButton = new QPushButton(tr("Copy"), body);
    copyButton->setToolTip(tr("Copy the selected lines, or all visible lines"));
    auto* clearButton = new QPushButton(tr("Clear"), body);
    bar->addWidget(levelCombo_);
    bar->addWidget(filterEdit_, 1);
    bar->addWidget(copyButton);
    bar->addWidget(clearButton);
    layout->addLayout(bar);
    view_ = new QPlainTextEdit(body);
    view_->setObjectName(QStringLiteral("logView"));
    view_->setReadOnly(true);
    view_->setLineWrapMode(QPlainTextEdit::NoWrap);
    view_->setMaximumBlockCount(static_cast<int>(kMaxEntries));
    view_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layout->addWidget(view_);
    setWidget(body);

    connect(levelCombo_, &QComboBox::currentIndexChanged, this, &LogDock::rebuild);
    connect(filterEdit_, &QLineEdit::textChanged, this, &LogDock::rebuild);
    connect(copyButton, &QPushButton::clicked, this, &LogDock::copyToClipboard);
    connect(clearButton, &QPushButton::clicked, this, &LogDock::clear);
}

int LogDock::minimumLevel() const { return levelCombo_->currentData().toInt(); }

void LogDock::setMinimumLevel(int level) { levelCombo_->setCurrentIndex(std::clamp(level, 0, 3)); }

bool LogDock::passes(const LogEntry& entry) const {
    if (entry.level < minimumLevel()) return false;
    const QString needle = filterEdit_->text();
    return needle.isEmpty() || entry.text.contains(needle, Qt::CaseInsensitive) ||
           entry.source.contains(needle, Qt::CaseInsensitive);
}

void LogDock::show(const LogEntry& entry) {
    const QString colour = colourFor(entry.level);
    const QString line = plainLine(entry).toHtmlEscaped();
    view_->appendHtml(colour.isEmpty() ? line : QStringLiteral("<span style=\"color:%1\">%2</span>").arg(colour, line));
}

void LogDock::append(const LogEntry& entry) {
    entries_.push_back(entry);
    if (entries_.size() > kMaxEntries) entries_.pop_front();
    if (passes(entry)) show(entry);
}

void LogDock::appendJobLine(const QString& source, int level, const QString& text) {
    append(LogEntry{QDateTime::currentDateTime(), level, source, text});
}

void LogDock::rebuild() {
    view_->clear();
    for (const auto& e : entries_)
        if (passes(e)) show(e);
    view_->verticalScrollBar()->setValue(view_->verticalScrollBar()->maximum());
}

QString LogDock::visibleText() const { return view_->toPlainText(); }

void LogDock::copyToClipboard() {
    const QString selected = view_->textCursor().selectedText().replace(QChar::ParagraphSeparator, QLatin1Char('\n'));
    QApplication::clipboard()->setText(selected.isEmpty() ? visibleText() : selected);
}

void LogDock::clear() {
    entries_.clear();
    view_->clear();
}

}  // namespace skyweave::gui
