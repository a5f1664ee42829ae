#pragma once

#include "models/domain/error.h"
#include "models/domain/tenant.h"

#include <QDialog>
#include <QPointer>

class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace tc {
class TenantStore;
}

namespace tc::ui {

class TenantPicker;

// "Move X to…": search the hierarchy for the new parent (or the top level) and move X's
// whole subtree there. Targets inside X's own subtree are disabled with the reason. The move
// is a compare-and-set on X's parent as read; the database has the last word on depth and
// limits, and its reason is shown here.
class MoveTenantDialog : public QDialog
{
    Q_OBJECT

public:
    // `path` is X's slug path ("acme / eu").
    MoveTenantDialog(TenantStore *store, const Tenant &tenant, const QString &path, QWidget *parent = nullptr);

    TenantPicker *picker() const { return m_picker; }

Q_SIGNALS:
    // The move is done (the tenant as it is now); the dialog then closes.
    void moved(const tc::Tenant &tenant);

private:
    QString veto(const TenantMatch &match) const;
    void updateButtons();
    void submit();
    void setBusy(bool busy);
    void showError(const Error &error);

    QPointer<TenantStore> m_store;
    Tenant m_tenant;
    QString m_path;
    bool m_busy = false;
    TenantPicker *m_picker = nullptr;
    QLabel *m_error = nullptr;
    QProgressBar *m_busyBar = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_ok = nullptr;
};

} // namespace tc::ui
