#pragma once

#include "models/domain/migration.h"

#include <QCoreApplication>

class QWidget;

namespace tc {
class TenantStore;
}

namespace tc::ui {

// "Export Id Mapping…": asks for a file and writes the job's (old id, new id) pairs as CSV
// ("old_id,new_id", one row per moved row, old id order), read from the store in the
// background. Errors (the read, the file) are shown in a message box over `parent`.
class IdMapExport
{
    Q_DECLARE_TR_FUNCTIONS(tc::ui::IdMapExport)

public:
    static void run(QWidget *parent, TenantStore *store, const MigrationJob &job);
};

} // namespace tc::ui
