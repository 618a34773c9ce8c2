import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { ROOT } from '../../scripts/local-env';

const TYPINGS_DIR = join(ROOT, 'node_modules', 'miniprogram-api-typings', 'types', 'wx');

let cached: ReadonlySet<string> | null = null;

/**
 * Every member of `WechatMiniprogram.Wx` in miniprogram-api-typings (about 425: the APIs WeChat
 * documents). Read from the typings themselves, so an API added there is known here too; the
 * harness's wx object has exactly these keys, as the real one has (Taro's processApis wraps
 * `Object.keys(wx)`).
 */
export function documentedWxApis(): ReadonlySet<string> {
  if (cached) return cached;
  const names = new Set<string>();
  for (const file of readdirSync(TYPINGS_DIR).filter((f) => f.endsWith('.d.ts'))) {
    const source = ts.createSourceFile(file, readFileSync(join(TYPINGS_DIR, file), 'utf8'), ts.ScriptTarget.Latest, false);
    const visit = (node: ts.Node, namespace: string | null): void => {
      if (ts.isModuleDeclaration(node)) {
        const name = node.name.text;
        if (node.body) ts.forEachChild(node.body, (child) => visit(child, name));
        return;
      }
      if (ts.isInterfaceDeclaration(node) && node.name.text === 'Wx' && namespace === 'WechatMiniprogram') {
        for (const member of node.members) if (member.name && ts.isIdentifier(member.name)) names.add(member.name.text);
        return;
      }
      ts.forEachChild(node, (child) => visit(child, namespace));
    };
    visit(source, null);
  }
  if (names.size < 300) throw new Error(`miniprogram-api-typings lists only ${names.size} wx members: is the package installed?`);
  cached = names;
  return names;
}
