// Placeholder until the complaint center's pages land (issue 15, in progress): never shipped like this.
import { ComingSoon } from '@/components/coming-soon/coming-soon';

export default function Page() {
  return <ComingSoon feature="吐槽中心" description="即将上线" />;
}
