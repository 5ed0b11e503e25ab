/* xml_check.c: validates XML files with libxml2.
 *   xml_check --rng SCHEMA FILE...   each FILE must be well-formed and valid against SCHEMA
 *   xml_check FILE...                each FILE must be well-formed
 *   xml_check --text FILE            prints the text of FILE's root element, white space
 *                                    between elements included (what an importer that keeps
 *                                    white space as text sees: InDesign)
 * Prints one line per file and exits 1 when any file fails. */
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
  int first = 1, failed = 0;
  xmlRelaxNGPtr schema = NULL;
  if (argc == 3 && !strcmp(argv[1], "--text")) {
    xmlDocPtr doc = xmlReadFile(argv[2], NULL, XML_PARSE_NONET);
    xmlChar *t = doc ? xmlNodeGetContent(xmlDocGetRootElement(doc)) : NULL;
    if (t) fputs((const char *)t, stdout);
    xmlFree(t);
    xmlFreeDoc(doc);
    return t ? 0 : 1;
  }
  if (argc > 2 && !strcmp(argv[1], "--rng")) {
    xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(argv[2]);
    schema = pc ? xmlRelaxNGParse(pc) : NULL;
    xmlRelaxNGFreeParserCtxt(pc);
    if (!schema) {
      fprintf(stderr, "%s: cannot load the schema\n", argv[2]);
      return 1;
    }
    first = 3;
  }
  if (first >= argc) {
    fprintf(stderr, "usage: xml_check [--rng SCHEMA] FILE...\n");
    return 2;
  }
  for (int i = first; i < argc; i++) {
    xmlDocPtr doc = xmlReadFile(argv[i], NULL, XML_PARSE_NONET);
    int ok = doc != NULL;
    if (ok && schema) {
      xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema);
      ok = vc && xmlRelaxNGValidateDoc(vc, doc) == 0;
      xmlRelaxNGFreeValidCtxt(vc);
    }
    printf("%s %s\n", ok ? "ok  " : "FAIL", argv[i]);
    failed += !ok;
    xmlFreeDoc(doc);
  }
  xmlRelaxNGFree(schema);
  xmlCleanupParser();
  return failed ? 1 : 0;
}
