#pragma once

#include <QWidget>

class QLabel;
class QSpinBox;

namespace skyweave::gui {

/**
 * @brief "Workers" setting plus the value a running job actually uses and why it differs.
 *
 * The spin box is the user's maximum (0 = automatic, one per core). While a job runs, the
 * label shows the effective count the memory governor allows ("effective 1 — reduced from 4:
 * memory critical"); it clears when the job ends.
 */
class WorkersControl : public QWidget {
    Q_OBJECT

public:
    explicit WorkersControl(QWidget* parent = nullptr);

    /// Requested workers; 0 = automatic.
    [[nodiscard]] int requested() const;
    void setRequested(int workers);
    [[nodiscard]] int effective() const { return effective_; }
    [[nodiscard]] QString effectiveText() const;
    [[nodiscard]] QSpinBox* spinBox() const { return spin_; }

public slots:
    /// A resource change reported by the running job (Job::resourcesAdjusted or the governor's
    /// reason text). When it names workers ("workers from 4 to 1"), the effective value follows.
    void onAdjusted(const QString& reason);
    void setEffective(int workers, const QString& reason);
    void clearEffective();

private:
    QSpinBox* spin_ = nullptr;
    QLabel* effectiveLabel_ = nullptr;
    int effective_ = 0;
};

}  // namespace skyweave::gui
