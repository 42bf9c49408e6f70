package com.example.books;

import java.io.InputStream;
import javax.servlet.http.HttpServletRequest;
import javax.xml.XMLConstants;
import javax.xml.bind.JAXBContext;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;

public class BookImport {
    public Object importBook(HttpServletRequest request) throws Exception {
        InputStream in = request.getInputStream();
        JAXBContext jc = JAXBContext.newInstance(Book.class);
        return jc.createUnmarshaller().unmarshal(in); // wfc-expect: security high
    }

    public Object importBookSafe(HttpServletRequest request) throws Exception {
        XMLInputFactory xif = XMLInputFactory.newInstance();
        xif.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XMLStreamReader reader = xif.createXMLStreamReader(request.getInputStream());
        return JAXBContext.newInstance(Book.class).createUnmarshaller().unmarshal(reader);
    }

    public SAXParserFactory parserFactory() throws Exception {
        SAXParserFactory spf = SAXParserFactory.newInstance(); // wfc-expect: security high
        spf.setFeature("http://xml.org/sax/features/external-general-entities", false);
        return spf;
    }

    public SAXParserFactory parserFactorySafe() throws Exception {
        SAXParserFactory spf = SAXParserFactory.newInstance();
        spf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return spf;
    }
}
