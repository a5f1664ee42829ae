#pragma once

#include "models/domain/tenant.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;

namespace tc {
class TenantStore;
}

namespace tc::ui {

// A searchable list of tenants, each shown with its full path ("acme / eu / research"), for
// choosing a target or a source anywhere in the hierarchy. Typing searches on the server
// (debounced); with no text the top level is listed. Optionally starts with a "Top level" row.
class TenantPicker : public QWidget
{
    Q_OBJECT

public:
    // Why a tenant can't be chosen (shown as its tooltip; the row is disabled); empty if it can.
    using Veto = std::function<QString(const TenantMatch &match)>;

    explicit TenantPicker(TenantStore *store, QWidget *parent = nullptr);

    void setVeto(Veto veto) { m_veto = std::move(veto); }
    // A first row standing for "no parent"; `vetoReason` non-empty disables it.
    void setTopLevelRow(bool shown, const QString &vetoReason = {});
    void setHint(const QString &text);
    // Lists the top level; call once the veto and rows are set up.
    void start();

    bool hasChoice() const;
    bool isTopLevelChosen() const;
    // The chosen tenant with its ancestors; nullopt for none or the top-level row.
    std::optional<TenantMatch> chosen() const;
    // "acme / eu / research"
    static QString pathOf(const TenantMatch &match);

    QLineEdit *searchEdit() const { return m_search; }
    QListWidget *list() const { return m_list; }

Q_SIGNALS:
    void choiceChanged();
    // Double-click or Enter on a row that can be chosen.
    void activated();
    // A list of results is shown (the text it was searched for; empty for the top level).
    void listed(const QString &text);

private:
    void runSearch();
    void show(const QString &text, const QList<TenantMatch> &matches, bool truncated);
    void showFailure(const QString &text);
    QListWidgetItem *addRow(const QString &text, int matchIndex, const QString &vetoReason);

    QPointer<TenantStore> m_store;
    Veto m_veto;
    bool m_topLevelRow = false;
    QString m_topLevelVeto;
    QLineEdit *m_search = nullptr;
    QListWidget *m_list = nullptr;
    QLabel *m_info = nullptr;
    QList<TenantMatch> m_matches;
    QTimer m_debounce;
    quint64 m_serial = 0;
};

} // namespace tc::ui
