import { View, Text } from '@tarojs/components';
import type { DemoPersona } from '@/services/contracts';

interface PersonaListProps {
  personas: DemoPersona[];
  /** openid being signed in as, '' for a new customer, null when idle. */
  signingInAs: string | null;
  onPick: (persona: DemoPersona) => void;
}

export function PersonaList({ personas, signingInAs, onPick }: PersonaListProps) {
  const busy = signingInAs !== null;
  return (
    <View className="persona-list" data-testid="persona-list">
      {personas.map((persona) => (
        <View
          key={persona.key}
          className={`card persona-list__item${signingInAs === persona.openid ? ' persona-list__item--active' : ''}`}
          onClick={() => (busy ? undefined : onPick(persona))}
          data-testid={`persona-${persona.key}`}
        >
          <Text className="persona-list__label">{persona.label}</Text>
          <Text className="persona-list__description">{persona.description}</Text>
          {signingInAs === persona.openid ? <Text className="persona-list__busy">正在进入…</Text> : null}
        </View>
      ))}
    </View>
  );
}
