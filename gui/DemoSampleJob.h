#pragma once

#include <QString>
#include <optional>

#include "jobs/Job.h"
#include "sample/SampleGenerator.h"

namespace skyweave::gui {

/// Writes the bundled sample data (core/sample) for `skyweave --demo`, as a cancellable job.
class DemoSampleJob : public Job {
    Q_OBJECT

public:
    explicit DemoSampleJob(QString outDir, QObject* parent = nullptr);

    /// What was written; valid after finished().
    [[nodiscard]] const sample::SampleManifest& manifest() const { return manifest_; }
    [[nodiscard]] QString outDir() const { return outDir_; }

protected:
    QString execute() override;

private:
    QString outDir_;
    sample::SampleManifest manifest_;
};

}  // namespace skyweave::gui
