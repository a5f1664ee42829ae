#include "ui/idmapexport.h"

#include "models/items/deliver.h"
#include "models/store/tenantstore.h"
#include "ui/errortext.h"

#include <QDir>
#include <QFileDialog>
#include <QMessageBox>
#include <QPointer>
#include <QSaveFile>
#include <QStandardPaths>

namespace tc::ui {

void IdMapExport::run(QWidget *parent, TenantStore *store, const MigrationJob &job)
{
    if (!store)
        return;
    const QString suggested = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                                  .filePath(QStringLiteral("migration-%1-id-map.csv").arg(job.id));
    const QString path = QFileDialog::getSaveFileName(parent, tr("Export Id Mapping"), suggested,
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QPointer<QWidget> guard(parent);
    detail::deliver(store->migrationIdMap(job.id), parent,
                    [guard, path, id = job.id](const Result<QList<QPair<QUuid, QUuid>>> &result) {
                        if (!guard)
                            return;
                        if (!result.ok()) {
                            QMessageBox::warning(guard, tr("Export Id Mapping"),
                                                 tr("The mapping of job #%1 could not be read. %2")
                                                     .arg(id)
                                                     .arg(errorText(result.error())));
                            return;
                        }
                        QSaveFile file(path);
                        if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
                            QMessageBox::warning(guard, tr("Export Id Mapping"),
                                                 tr("%1 can't be written: %2").arg(path, file.errorString()));
                            return;
                        }
                        QByteArray csv = QByteArrayLiteral("old_id,new_id\n");
                        for (const auto &[oldId, newId] : result.value())
                            csv += oldId.toByteArray(QUuid::WithoutBraces) + ',' + newId.toByteArray(QUuid::WithoutBraces)
                                + '\n';
                        file.write(csv);
                        if (!file.commit())
                            QMessageBox::warning(guard, tr("Export Id Mapping"),
                                                 tr("%1 can't be written: %2").arg(path, file.errorString()));
                    });
}

} // namespace tc::ui
