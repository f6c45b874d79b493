// Open a newsdex database, run a query with facets, print them.
//   facets_example DB QUERY
#include <newsdex/newsdex.h>

#include <iostream>

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: facets_example DB QUERY\n";
        return 2;
    }
    try {
        newsdex::Searcher searcher({argv[1]});
        newsdex::SearchRequest request;
        request.query = argv[2];
        request.limit = 3;
        request.facets = {newsdex::FacetField::Company, newsdex::FacetField::Person, newsdex::FacetField::Date};
        newsdex::SearchResult result = searcher.search(request);

        std::cout << result.total << " articles match \"" << result.query << "\"\n";
        for (const auto& hit : result.hits)
            std::cout << "  " << hit.rank << ". " << hit.title << " [" << hit.id << "]\n";
        for (const auto& facet : result.facets) {
            std::cout << newsdex::facet_field_name(facet.field) << ":\n";
            for (const auto& value : facet.values) std::cout << "  " << value.name << " " << value.count << "\n";
        }
    } catch (const newsdex::UserError& e) {
        std::cerr << "bad query: " << e.what() << "\n";
        return 2;
    } catch (const newsdex::SystemError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 3;
    }
    return 0;
}
