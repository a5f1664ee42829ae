#pragma once

#include "models/domain/resourceunit.h"
#include "models/items/topconsumersmodel.h"
#include "models/store/tenantstore.h"

#include <QList>
#include <QPointer>
#include <QTime>
#include <QUuid>
#include <QWidget>

class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;

namespace tc::ui {

class TopConsumersDelegate;

// Tenants by share of their limit used, for one metered resource: a table over
// TopConsumersModel (sortable by any column through a proxy), the share as a usage bar, the
// projected date of reaching the limit and the subtree rollup. Double-click or Enter asks to
// show the tenant in the tree. Loads when first shown, then on Refresh, quota changes and a
// poll, but only while shown (the model is active while the view is visible). The ranking
// always comes from the database, whatever source the charts read.
class TopConsumersView : public QWidget
{
    Q_OBJECT

public:
    struct Resource
    {
        QString key;
        QString displayName;
        ResourceUnit unit = ResourceUnit::Count;
    };

    explicit TopConsumersView(QWidget *parent = nullptr);
    ~TopConsumersView() override;

    // A new model for a new connection (null: none).
    void setStore(TenantStore *store);
    // The resources to choose from (by default the metered ones of the catalog).
    void setResources(const QList<Resource> &resources);

    TopConsumersModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    QComboBox *resourceCombo() const { return m_resource; }
    TopConsumersDelegate *delegate() const { return m_delegate; }
    QString statusText() const;
    void reload();

Q_SIGNALS:
    // The operator wants to see this tenant (in the tree).
    void tenantActivated(const QUuid &id, const QString &slug);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void chooseResource();
    void updateStatus();
    void activate(const QModelIndex &proxyIndex);

    QPointer<TenantStore> m_store;
    TopConsumersModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    TopConsumersDelegate *m_delegate = nullptr;
    QList<Resource> m_resources;
    QComboBox *m_resource = nullptr;
    QToolButton *m_refresh = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_status = nullptr;
    bool m_loadedOnce = false;
    QTime m_loadedAt;
};

} // namespace tc::ui
