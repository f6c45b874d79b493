// newsdex-db-dump DB: every document of a database (docid, length, data,
// values, terms with wdf and positions), every term with its frequency and
// every metadata entry, as text.  Two databases built from the same input
// hold the same content exactly when their dumps are equal: the check that
// a change to the indexer's speed left its output alone (docs/benchmarks.md,
// "Indexing CPU").  Not built by default: cmake --build build --target newsdex-db-dump
#include <xapian.h>

#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: newsdex-db-dump DB\n";
        return 2;
    }
    try {
        Xapian::Database db(argv[1]);
        std::ostream& o = std::cout;
        o << "doccount " << db.get_doccount() << " lastdocid " << db.get_lastdocid() << "\n";
        for (auto k = db.metadata_keys_begin(); k != db.metadata_keys_end(); ++k)
            o << "M " << *k << "=" << db.get_metadata(*k) << "\n";
        for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
            const Xapian::Document d = db.get_document(*p);
            o << "D " << *p << " len " << p.get_doclength() << "\n" << d.get_data() << "\n";
            for (auto v = d.values_begin(); v != d.values_end(); ++v) o << "V " << v.get_valueno() << " " << *v << "\n";
            for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) {
                o << "T " << *t << " " << t.get_wdf();
                for (auto q = t.positionlist_begin(); q != t.positionlist_end(); ++q) o << " " << *q;
                o << "\n";
            }
        }
        for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t)
            o << "A " << *t << " " << t.get_termfreq() << "\n";
    } catch (const Xapian::Error& e) {
        std::cerr << "newsdex-db-dump: " << e.get_description() << "\n";
        return 3;
    }
    return 0;
}
