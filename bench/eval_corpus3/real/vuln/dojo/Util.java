/**
 * Copyright 2017-2018 Trend Micro Incorporated
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this work except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 * Unless required by applicable law or agreed to in writing, software distributed under the License is distributed on an "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the License for the specific language governing permissions and limitations under the License.
 */
package insecure.inc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringBufferInputStream;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.xml.sax.SAXException;

public class Util {
	
	public static Document parseXML(String xml) throws SAXException, IOException, ParserConfigurationException {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		
		DocumentBuilder builder = factory.newDocumentBuilder();
		
		Document doc = builder.parse(new StringBufferInputStream(xml));
		doc.getDocumentElement().normalize();
		
		return doc;
	}
	
	public static String getStringFromInputStream(InputStream input) throws IOException{
		String contents = "";
		BufferedReader reader = null;
		StringBuilder sb = new StringBuilder();
		try {
			
			
			reader = new BufferedReader(new InputStreamReader(input,"UTF-8"));
	        String line = reader.readLine();

	        while (line != null) {
	            sb.append(line);
	            sb.append("\n");
	            line = reader.readLine();
	            if(sb.length()>1024 * 10) throw new Exception("Invalid file size");
	        }
		}
	    catch(Exception ex){
	    	contents = ex.getMessage();
	    
	    } finally {
	        if(reader!=null) reader.close();
	    }
		contents = sb.toString();
		return contents;
	}
}
