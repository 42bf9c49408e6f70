import https from "https";
import axios from "axios";

const agent = new https.Agent({ rejectUnauthorized: false }); // wfc-expect: security medium

export async function fetchStatus(service: string): Promise<number> {
  const res = await axios.get(`https://status.example.com/api/${encodeURIComponent(service)}`, { httpsAgent: agent });
  return res.status;
}
