#pragma once

#include <QDialog>
#include <QList>
#include <QString>

class QTableWidget;

namespace tc::ui {

// Another session changed quota rows after this operator started editing them: shows theirs
// next to the operator's own values and asks which should stand. Nothing has been written
// when this shows; closing it without a choice leaves the rows in conflict.
class QuotaConflictDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Choice { Undecided, KeepTheirs, TakeMine, ReEdit };

    struct Entry
    {
        QString resource; // key
        QString name;
        QString theirs;
        QString yours;
    };

    QuotaConflictDialog(const QString &tenantName, const QList<Entry> &entries, QWidget *parent = nullptr);

    Choice choice() const { return m_choice; }
    QStringList resources() const;
    QTableWidget *table() const { return m_table; }

private:
    void choose(Choice choice);

    QList<Entry> m_entries;
    QTableWidget *m_table = nullptr;
    Choice m_choice = Choice::Undecided;
};

} // namespace tc::ui
