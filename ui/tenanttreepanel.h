#pragma once

#include "models/domain/tenant.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QTreeView;

namespace tc {
class TenantTreeModel;
}

namespace tc::ui {

// The tenant tree with its filter box. Typing filters on the server (debounced); the tree
// then shows the matches with the way to them expanded.
class TenantTreePanel : public QWidget
{
    Q_OBJECT

public:
    explicit TenantTreePanel(QWidget *parent = nullptr);

    // Not owned; null detaches (disconnected).
    void setModel(TenantTreeModel *model);
    TenantTreeModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }

    // "Acme Labs › Marketing › EMEA" for the row at `index`.
    QString pathOf(const QModelIndex &index) const;

Q_SIGNALS:
    // Null tenant when nothing is selected.
    void currentTenantChanged(const tc::Tenant &tenant, const QString &path);

private:
    void applyFilter();
    void onFilterApplied(const QString &text, int matches, bool truncated);
    void emitCurrent();

    TenantTreeModel *m_model = nullptr;
    QLineEdit *m_filter = nullptr;
    QLabel *m_filterInfo = nullptr;
    QTreeView *m_view = nullptr;
    QTimer m_debounce;
};

} // namespace tc::ui
