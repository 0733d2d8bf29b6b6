/* sphinx-scholar's search scorer (html_search_scorer; Sphinx puts it in
   language_data.js, which the search page loads after searchtools.js).
   A paper's card ranks above its page: a card's title is indexed as a title of the
   page, with the card's anchor. When the query is the paper's title, Sphinx scores
   that hit and the page's own word hit alike and breaks the tie by name, so the
   page could come first; a hit on a part of a page (it has an anchor) wins. */
if (typeof Scorer !== "undefined" && !Scorer.score) {
  Scorer.score = function (result) {
    // [docname, title, anchor, description, score, filename, kind]
    return result[2] && result[6] === "title" ? result[4] + 1 : result[4];
  };
}
