"""Turn the validated dataset into HTML fragments and page sources. No MkDocs import here."""
