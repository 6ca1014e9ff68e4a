// Writes data/demo-org.json from src/demo/build-demo-org.ts. Run after editing the table:
//   npx tsx scripts/make-demo-org.ts
import { writeFileSync } from 'node:fs';
import { buildDemoOrg } from '../src/demo/build-demo-org.js';
import { DEMO_ORG_FILE } from '../src/demo/demo-org.js';
import { OrgDocumentSchema } from '../src/domain/index.js';

const org = OrgDocumentSchema.parse(buildDemoOrg());
const json = `${JSON.stringify(org, null, 2)}\n`;
writeFileSync(DEMO_ORG_FILE, json);
console.log(`wrote ${DEMO_ORG_FILE}: ${org.users.length} users, ${org.licenses.length} licenses, ${json.length} bytes`);
