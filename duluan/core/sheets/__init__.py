"""Reading and writing spreadsheets safely: size, zip and XML guards, cells, columns.

Generic: nothing here knows about reports or units."""
