#pragma once

#include "models/domain/tenant.h"

#include <QSet>
#include <QTimer>
#include <QUuid>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QToolButton;
class QTreeView;

namespace tc {
class TenantTreeModel;
}

namespace tc::ui {

// The tenant tree with its filter box and the "Show deleted" toggle. Typing filters on the
// server (debounced); the tree then shows the matches with the way to them expanded.
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
    // Checkable: deleted tenants (and purged tombstones) are listed too. Also in the View menu.
    QAction *showDeletedAction() const { return m_showDeleted; }

    // "Acme Labs › Marketing › EMEA" for the row at `index`.
    QString pathOf(const QModelIndex &index) const;

Q_SIGNALS:
    // Null tenant when nothing is selected.
    void currentTenantChanged(const tc::Tenant &tenant, const QString &path);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void applyFilter();
    void onFilterApplied(const QString &text, int matches, bool truncated);
    void emitCurrent();
    // The tree is read again when "Show deleted" flips: the current row and the open
    // branches are remembered, and put back as their pages arrive.
    void rememberView();
    void restoreView(const QModelIndex &parent);

    TenantTreeModel *m_model = nullptr;
    QLineEdit *m_filter = nullptr;
    QLabel *m_filterInfo = nullptr;
    QAction *m_showDeleted = nullptr;
    QToolButton *m_showDeletedButton = nullptr;
    QTreeView *m_view = nullptr;
    QTimer m_debounce;
    QUuid m_restoreCurrent;
    QSet<QUuid> m_restoreExpanded;
};

} // namespace tc::ui
