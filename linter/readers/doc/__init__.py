"""Word 97-2003 binary documents (.doc, and WPS's .wps, the same format): [MS-DOC] read with olefile."""
